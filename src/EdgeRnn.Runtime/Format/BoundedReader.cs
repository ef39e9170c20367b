using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace EdgeRnn.Runtime.Format;

/// <summary>
/// Reads little-endian values from one section body, checking every length against the bytes left before it allocates,
/// and names the section and file offset in every error.
/// </summary>
internal ref struct BoundedReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly long _fileOffset;
    private readonly string _where;
    private int _position;

    /// <summary>Creates a reader over a section body.</summary>
    /// <param name="data">The body.</param>
    /// <param name="fileOffset">The file offset of the body's first byte.</param>
    /// <param name="where">The section, for messages, e.g. "section 3 (recurrent layer, from offset 256)".</param>
    public BoundedReader(ReadOnlySpan<byte> data, long fileOffset, string where)
    {
        _data = data;
        _fileOffset = fileOffset;
        _where = where;
    }

    /// <summary>The bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>The file offset of the next byte.</summary>
    public readonly long FileOffset => _fileOffset + _position;

    public uint ReadUInt32(Field what)
    {
        Need(4, what);
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    /// <summary>Reads a u32 that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int ReadInt32InRange(Field what, int min, int max)
    {
        long offset = FileOffset;
        uint value = ReadUInt32(what);
        if (value < (uint)min || value > (uint)max)
        {
            throw ErrorAt(offset, $"expected {what} in [{min}, {max}]; found {value}.");
        }

        return (int)value;
    }

    /// <summary>Reads a count of items of at least <paramref name="minItemBytes"/> bytes each, checked against what is left.</summary>
    public int ReadCount(Field what, int max, int minItemBytes)
    {
        long offset = FileOffset;
        int count = ReadInt32InRange(what, 0, max);
        if ((long)count * minItemBytes > Remaining)
        {
            throw ErrorAt(offset, $"{what} is {count}, which needs at least {(long)count * minItemBytes} more bytes; the section has {Remaining} left.");
        }

        return count;
    }

    public float ReadSingle(Field what)
    {
        Need(4, what);
        float value = BinaryPrimitives.ReadSingleLittleEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    public double ReadDouble(Field what)
    {
        Need(8, what);
        double value = BinaryPrimitives.ReadDoubleLittleEndian(_data[_position..]);
        _position += 8;
        return value;
    }

    public float[] ReadSingles(int count, Field what)
    {
        Need((long)count * 4, what);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(_data[(_position + (4 * i))..]);
        }

        _position += 4 * count;
        return values;
    }

    /// <summary>The next <paramref name="count"/> bytes as int8 values, without copying.</summary>
    public ReadOnlySpan<sbyte> ReadSBytes(int count, Field what)
    {
        Need(count, what);
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(_data.Slice(_position, count));
        _position += count;
        return values;
    }

    /// <summary>Reads a u32 byte length and that many bytes of valid UTF-8.</summary>
    public string ReadString(Field what)
    {
        long offset = FileOffset;
        uint length = ReadUInt32(what);
        if (length > ModelFileLayout.MaxStringBytes)
        {
            throw ErrorAt(offset, $"expected the UTF-8 byte length of {what} in [0, {ModelFileLayout.MaxStringBytes}]; found {length}.");
        }

        Need(length, what);
        try
        {
            string value = StrictUtf8.GetString(_data.Slice(_position, (int)length));
            _position += (int)length;
            return value;
        }
        catch (DecoderFallbackException ex)
        {
            throw new ModelFormatException(Describe(offset, $"expected {what} as valid UTF-8; found an invalid byte sequence ({ex.Message})"), ex);
        }
    }

    /// <summary>Reads the zero bytes up to the next file offset that is a multiple of 4 (what <c>SectionBodyWriter.WritePadding4</c> writes).</summary>
    public void ExpectPadding4(Field what)
    {
        int count = (int)((4 - (FileOffset & 3)) & 3);
        Need(count, what);
        for (int i = 0; i < count; i++)
        {
            if (_data[_position] != 0)
            {
                throw Error($"expected zero padding after {what}; found 0x{_data[_position]:X2}.");
            }

            _position++;
        }
    }

    /// <summary>Checks that the whole body was read.</summary>
    public readonly void ExpectEnd()
    {
        if (Remaining != 0)
        {
            throw Error($"expected the section body to end here after {_position} bytes; found {Remaining} more bytes.");
        }
    }

    /// <summary>An error at the current position.</summary>
    public readonly ModelFormatException Error(FormattableString message) => ErrorAt(FileOffset, message);

    /// <summary>An error at a given file offset.</summary>
    public readonly ModelFormatException ErrorAt(long offset, FormattableString message) =>
        new(Describe(offset, message.ToString(CultureInfo.InvariantCulture)));

    /// <summary>An error about the section as a whole.</summary>
    public readonly ModelFormatException SectionError(string message) => new($"Model file {_where}: {message}");

    /// <summary>Wraps a model constructor's complaint.</summary>
    public readonly ModelFormatException Invalid(ArgumentException ex) => new($"Model file {_where}: {ex.Message}", ex);

    private readonly string Describe(long offset, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"Model file {_where}, byte {offset}: {message}");

    private readonly void Need(long bytes, Field what)
    {
        if (bytes > Remaining)
        {
            throw Error($"expected {bytes} bytes for {what}; the section has only {Remaining} left.");
        }
    }
}
