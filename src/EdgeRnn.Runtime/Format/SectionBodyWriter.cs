using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace EdgeRnn.Runtime.Format;

/// <summary>Builds one section body of little-endian values.</summary>
internal sealed class SectionBodyWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteInt32(int value) => WriteUInt32(checked((uint)value));

    public void WriteSingle(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteSingles(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            WriteSingle(value);
        }
    }

    public void WriteSingles(IReadOnlyList<float> values)
    {
        for (int i = 0; i < values.Count; i++)
        {
            WriteSingle(values[i]);
        }
    }

    public void WriteSBytes(ReadOnlySpan<sbyte> values)
    {
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(_buffer.GetSpan(values.Length));
        _buffer.Advance(values.Length);
    }

    /// <summary>Zero bytes up to the next multiple of 4 of the body (a body starts 4-aligned in the file).</summary>
    public void WritePadding4()
    {
        while (_buffer.WrittenCount % 4 != 0)
        {
            _buffer.GetSpan(1)[0] = 0;
            _buffer.Advance(1);
        }
    }

    /// <summary>Writes a u32 byte length and the string's UTF-8 bytes.</summary>
    /// <exception cref="ArgumentException">The string holds an unpaired surrogate or is longer than the format allows.</exception>
    public void WriteString(string value) => WriteUtf8(Encode(value));

    /// <summary>Writes a u32 byte length and already encoded UTF-8 bytes.</summary>
    public void WriteUtf8(ReadOnlySpan<byte> utf8)
    {
        WriteInt32(utf8.Length);
        utf8.CopyTo(_buffer.GetSpan(utf8.Length));
        _buffer.Advance(utf8.Length);
    }

    /// <summary>The UTF-8 bytes of a string, checked against the format's limit.</summary>
    /// <exception cref="ArgumentException">The string holds an unpaired surrogate or is too long.</exception>
    public static byte[] Encode(string value)
    {
        byte[] utf8 = StrictUtf8.GetBytes(value);
        if (utf8.Length > ModelFileLayout.MaxStringBytes)
        {
            throw new ArgumentException($"Expected strings of at most {ModelFileLayout.MaxStringBytes} UTF-8 bytes; found one of {utf8.Length}.", nameof(value));
        }

        return utf8;
    }
}
