using System.Buffers.Binary;
using EdgeRnn.Runtime.Format;

namespace EdgeRnn.Runtime;

public sealed partial class RnnState
{
    private const uint StateMagic = 0x54535245; // "ERST" little-endian
    private const ushort StateVersion = 1;
    private const int StateHeaderSize = 16;

    /// <summary>The number of bytes <see cref="SaveTo"/> writes.</summary>
    /// <remarks>
    /// Layout (little-endian): "ERST", uint16 version 1, uint16 layer count, uint32 model checksum, uint32 input count, then
    /// per layer uint32 H and uint32 cell length, then per layer h and c as float32, then the last valid input, then the
    /// CRC-32 of everything before it.
    /// </remarks>
    public int SerializedSize => StateHeaderSize + (8 * _hidden.Length) + (4 * FloatCount) + 4;

    private int FloatCount => _hidden.Sum(h => h.Length) + _cell.Sum(c => c.Length) + _lastInput.Length;

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

        BinaryPrimitives.WriteUInt32LittleEndian(destination, StateMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], StateVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)_hidden.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Model.Checksum);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], (uint)_lastInput.Length);
        int offset = StateHeaderSize;
        for (int k = 0; k < _hidden.Length; k++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[offset..], (uint)_hidden[k].Length);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(offset + 4)..], (uint)_cell[k].Length);
            offset += 8;
        }

        for (int k = 0; k < _hidden.Length; k++)
        {
            offset = WriteFloats(destination, offset, _hidden[k]);
            offset = WriteFloats(destination, offset, _cell[k]);
        }

        offset = WriteFloats(destination, offset, _lastInput);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[offset..], Crc32.Compute(destination[..offset]));
        return offset + 4;
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

    /// <summary>Restores a state saved by <see cref="SaveTo"/> from a state of the same model; all or nothing.</summary>
    /// <param name="source">The saved bytes.</param>
    /// <exception cref="InvalidDataException">The bytes are corrupt, truncated, hold a non-finite value, or belong to another model; the state is unchanged.</exception>
    public void Restore(ReadOnlySpan<byte> source)
    {
        int size = SerializedSize;
        if (source.Length != size)
        {
            throw new InvalidDataException($"Expected a saved state of {size} bytes for this model; found {source.Length} bytes.");
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(source);
        if (magic != StateMagic)
        {
            throw new InvalidDataException($"Expected a saved state starting with \"ERST\" (0x{StateMagic:X8}); found 0x{magic:X8}.");
        }

        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(source[(size - 4)..]);
        uint actual = Crc32.Compute(source[..(size - 4)]);
        if (crc != actual)
        {
            throw new InvalidDataException($"Expected the saved state's CRC-32 0x{crc:X8}; computed 0x{actual:X8}: the bytes are corrupt.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(source[4..]);
        if (version != StateVersion)
        {
            throw new InvalidDataException($"Expected saved state version {StateVersion}; found {version}.");
        }

        uint checksum = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]);
        if (checksum != Model.Checksum)
        {
            throw new InvalidDataException($"Expected a state saved from the model with checksum 0x{Model.Checksum:X8}; found one from model 0x{checksum:X8}.");
        }

        int layers = BinaryPrimitives.ReadUInt16LittleEndian(source[6..]);
        uint inputs = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]);
        if (layers != _hidden.Length || inputs != _lastInput.Length)
        {
            throw new InvalidDataException($"Expected {_hidden.Length} layers and {_lastInput.Length} inputs; found {layers} and {inputs}.");
        }

        var values = source[(StateHeaderSize + (8 * layers))..(size - 4)];
        for (int i = 0; i < values.Length; i += 4)
        {
            float v = BinaryPrimitives.ReadSingleLittleEndian(values[i..]);
            if (!float.IsFinite(v))
            {
                throw new InvalidDataException($"Expected finite state values; found {v} at value {i / 4}.");
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
