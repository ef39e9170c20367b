using System.Buffers.Binary;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Runtime;

public sealed partial class RnnState
{
    private const ushort StateVersion = 2;
    private const int StateFieldsSize = 12;
    private const string StateWhat = "a saved state (ERST)";

    private static ReadOnlySpan<byte> StateMagic => "ERST"u8;

    /// <summary>The number of bytes <see cref="SaveTo"/> writes.</summary>
    /// <remarks>
    /// Layout (little-endian, models/FORMAT.md §13.1): the <see cref="CheckedBlob"/> envelope "ERST" version 2 around
    /// uint32 model checksum, uint32 layer count, uint32 input count, then per layer uint32 H and uint32 cell length, then
    /// per layer h and c as float32, then the last valid input. <see cref="Restore"/> also reads version 1.
    /// </remarks>
    public int SerializedSize => CheckedBlob.Overhead + StateFieldsSize + (8 * _hidden.Length) + (4 * FloatCount);

    /// <summary>The size of the same state in version 1, before the envelope (8 bytes less: no length, a u16 layer count, no reserved field).</summary>
    internal int Version1Size => SerializedSize - 8;

    private int FloatCount
    {
        get
        {
            // Loops, not LINQ's Sum: saving runs on the device's sample path when a save is due, and allocates nothing.
            int count = _lastInput.Length;
            foreach (float[] hidden in _hidden)
            {
                count += hidden.Length;
            }

            foreach (float[] cell in _cell)
            {
                count += cell.Length;
            }

            return count;
        }
    }

    /// <summary>Writes the state so that a device can persist it; it can be restored into a state of the same model.</summary>
    /// <param name="destination">At least <see cref="SerializedSize"/> bytes.</param>
    /// <returns>The bytes written.</returns>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public int SaveTo(Span<byte> destination)
    {
        int size = SerializedSize;
        if (destination.Length < size)
        {
            ThrowHelper.ThrowLength(nameof(destination), size, destination.Length);
        }

        var blob = destination[..size];
        var body = CheckedBlob.Body(blob);
        BinaryPrimitives.WriteUInt32LittleEndian(body, Model.Checksum);
        BinaryPrimitives.WriteUInt32LittleEndian(body[4..], (uint)_hidden.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(body[8..], (uint)_lastInput.Length);
        int offset = StateFieldsSize;
        for (int k = 0; k < _hidden.Length; k++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(body[offset..], (uint)_hidden[k].Length);
            BinaryPrimitives.WriteUInt32LittleEndian(body[(offset + 4)..], (uint)_cell[k].Length);
            offset += 8;
        }

        for (int k = 0; k < _hidden.Length; k++)
        {
            offset = WriteFloats(body, offset, _hidden[k]);
            offset = WriteFloats(body, offset, _cell[k]);
        }

        WriteFloats(body, offset, _lastInput);
        CheckedBlob.Seal(blob, StateMagic, StateVersion);
        return size;
    }

    /// <summary>Writes the state (see <see cref="SaveTo"/>) when <paramref name="destination"/> is large enough.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="bytesWritten">The bytes written, <see cref="SerializedSize"/>; 0 when the destination is too small.</param>
    /// <returns>Whether the state was written.</returns>
    public bool TrySaveTo(Span<byte> destination, out int bytesWritten)
    {
        if (destination.Length < SerializedSize)
        {
            bytesWritten = 0;
            return false;
        }

        bytesWritten = SaveTo(destination);
        return true;
    }

    /// <summary>The state as a new byte array (see <see cref="SaveTo"/>).</summary>
    /// <returns><see cref="SerializedSize"/> bytes.</returns>
    public byte[] ToBytes()
    {
        var bytes = new byte[SerializedSize];
        SaveTo(bytes);
        return bytes;
    }

    /// <summary>Restores a state saved by <see cref="SaveTo"/> (version 2, or version 1 of earlier releases) from a state of the same model; all or nothing.</summary>
    /// <param name="source">The saved bytes.</param>
    /// <exception cref="ModelFormatException">The bytes are corrupt, truncated, hold a non-finite value, or belong to another model; the state is unchanged.</exception>
    public void Restore(ReadOnlySpan<byte> source)
    {
        if (CheckedBlob.HasHeader(source, StateMagic, 1))
        {
            RestoreVersion1(source);
            return;
        }

        var body = CheckedBlob.Open(source, StateMagic, StateWhat, out ushort version);
        if (version != StateVersion)
        {
            throw new ModelFormatException($"Expected {StateWhat} of version {StateVersion} or 1; found version {version}.");
        }

        if (body.Length < StateFieldsSize)
        {
            throw new ModelFormatException($"Expected a saved state of {SerializedSize} bytes for this model; found {source.Length} bytes.");
        }

        int layers = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(body[4..]), int.MaxValue);
        Apply(source.Length, SerializedSize, BinaryPrimitives.ReadUInt32LittleEndian(body), layers, BinaryPrimitives.ReadUInt32LittleEndian(body[8..]), body[StateFieldsSize..]);
    }

    /// <summary>Version 1: "ERST", u16 1, u16 layers, u32 model checksum, u32 inputs, the same dimensions and values, CRC-32 of all before.</summary>
    private void RestoreVersion1(ReadOnlySpan<byte> source)
    {
        if (source.Length < 20)
        {
            throw new ModelFormatException($"Expected {StateWhat} of version 1 of {Version1Size} bytes for this model; found {source.Length} bytes.");
        }

        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(source[^4..]);
        uint actual = Crc32.Compute(source[..^4]);
        if (crc != actual)
        {
            throw new ModelFormatException($"Expected {StateWhat} of version 1 with CRC-32 0x{crc:X8}; computed 0x{actual:X8}: the bytes are corrupt.");
        }

        int layers = BinaryPrimitives.ReadUInt16LittleEndian(source[6..]);
        Apply(source.Length, Version1Size, BinaryPrimitives.ReadUInt32LittleEndian(source[8..]), layers, BinaryPrimitives.ReadUInt32LittleEndian(source[12..]), source[16..^4]);
    }

    /// <summary>Checks the model, the dimensions and every value, then restores them (all or nothing).</summary>
    /// <param name="length">The saved bytes' length.</param>
    /// <param name="size">The length this model implies for their version.</param>
    /// <param name="checksum">The stated model checksum.</param>
    /// <param name="layers">The stated layer count.</param>
    /// <param name="inputs">The stated input count.</param>
    /// <param name="fields">From the per-layer dimensions to the end of the values.</param>
    private void Apply(int length, int size, uint checksum, int layers, uint inputs, ReadOnlySpan<byte> fields)
    {
        if (checksum != Model.Checksum)
        {
            throw new ModelFormatException($"Expected a state saved from the model with checksum 0x{Model.Checksum:X8}; found one from another model, 0x{checksum:X8}.");
        }

        if (layers != _hidden.Length || inputs != _lastInput.Length)
        {
            throw new ModelFormatException($"Expected {_hidden.Length} layers and {_lastInput.Length} inputs; found {layers} and {inputs}.");
        }

        if (length != size)
        {
            throw new ModelFormatException($"Expected a saved state of {size} bytes for this model; found {length} bytes.");
        }

        var values = fields[(8 * layers)..];
        for (int i = 0; i < values.Length; i += 4)
        {
            float v = BinaryPrimitives.ReadSingleLittleEndian(values[i..]);
            if (!float.IsFinite(v))
            {
                throw new ModelFormatException($"Expected finite state values; found {v} at value {i / 4}.");
            }
        }

        int offset = 0;
        for (int k = 0; k < layers; k++)
        {
            offset = ReadFloats(values, offset, _hidden[k]);
            offset = ReadFloats(values, offset, _cell[k]);
        }

        ReadFloats(values, offset, _lastInput);
    }

    private static int WriteFloats(Span<byte> destination, int offset, ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[offset..], v);
            offset += 4;
        }

        return offset;
    }

    private static int ReadFloats(ReadOnlySpan<byte> source, int offset, Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(source[offset..]);
            offset += 4;
        }

        return offset;
    }
}
