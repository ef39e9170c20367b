using System.Buffers.Binary;
using EdgeRnn.Runtime.Format;

namespace EdgeRnn.Device.Persistence;

/// <summary>
/// The bytes of a saved-state file: the recurrent state (<c>RnnState.SaveTo</c>, with its own model checksum and CRC) in an
/// envelope that adds a save sequence number, the sample index, the save time and an optional small extra payload, all
/// covered by a CRC-32.
/// </summary>
/// <remarks>
/// Layout (little-endian): "ERSF", uint16 version 1, uint16 0, int64 sequence, int64 sample index, int64 save time in Unix
/// milliseconds, uint32 state length, uint32 extra length, the state, the extra bytes, CRC-32 of everything before it.
/// </remarks>
internal static class StateFile
{
    /// <summary>The largest extra payload, in bytes.</summary>
    public const int MaxExtraBytes = 1 << 20;

    private const uint Magic = 0x46535245; // "ERSF" little-endian
    private const ushort Version = 1;
    private const int HeaderSize = 40;

    /// <summary>The file size for a state of <paramref name="stateBytes"/> and <paramref name="extraBytes"/> extra bytes.</summary>
    public static int Size(int stateBytes, int extraBytes) => HeaderSize + stateBytes + extraBytes + 4;

    /// <summary>Builds the file bytes.</summary>
    /// <param name="saved">What to save.</param>
    /// <returns>A new array.</returns>
    /// <exception cref="ArgumentException">The extra payload is over <see cref="MaxExtraBytes"/>.</exception>
    public static byte[] Encode(SavedState saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (saved.Extra.Length > MaxExtraBytes)
        {
            throw new ArgumentException($"Expected an extra payload of at most {MaxExtraBytes} bytes; found {saved.Extra.Length}.", nameof(saved));
        }

        var bytes = new byte[Size(saved.State.Length, saved.Extra.Length)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], saved.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], saved.SampleIndex);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], saved.SavedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32LittleEndian(span[32..], saved.State.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[36..], saved.Extra.Length);
        saved.State.Span.CopyTo(span[HeaderSize..]);
        saved.Extra.Span.CopyTo(span[(HeaderSize + saved.State.Length)..]);
        int body = bytes.Length - 4;
        BinaryPrimitives.WriteUInt32LittleEndian(span[body..], Crc32.Compute(span[..body]));
        return bytes;
    }

    /// <summary>Checks and unpacks file bytes (the state inside is not yet checked against a model).</summary>
    /// <param name="bytes">The whole file.</param>
    /// <returns>The saved state.</returns>
    /// <exception cref="InvalidDataException">The bytes are truncated, corrupt or of another format; the message says what was expected and found.</exception>
    public static SavedState Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var span = bytes.AsSpan();
        if (span.Length < Size(0, 0))
        {
            throw new InvalidDataException($"Expected a state file of at least {Size(0, 0)} bytes; found {span.Length} bytes.");
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(span);
        if (magic != Magic)
        {
            throw new InvalidDataException($"Expected a state file starting with \"ERSF\" (0x{Magic:X8}); found 0x{magic:X8}.");
        }

        int stateLength = BinaryPrimitives.ReadInt32LittleEndian(span[32..]);
        int extraLength = BinaryPrimitives.ReadInt32LittleEndian(span[36..]);
        if (stateLength < 0 || extraLength < 0 || extraLength > MaxExtraBytes || (long)HeaderSize + stateLength + extraLength + 4 != span.Length)
        {
            throw new InvalidDataException($"Expected a state file of {HeaderSize} + state + extra + 4 bytes; found {span.Length} bytes with lengths {stateLength} and {extraLength}: it is truncated or corrupt.");
        }

        int body = span.Length - 4;
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(span[body..]);
        uint actual = Crc32.Compute(span[..body]);
        if (crc != actual)
        {
            throw new InvalidDataException($"Expected the state file's CRC-32 0x{crc:X8}; computed 0x{actual:X8}: the file is corrupt.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
        if (version != Version)
        {
            throw new InvalidDataException($"Expected state file version {Version}; found {version}.");
        }

        return new SavedState(
            bytes.AsMemory(HeaderSize, stateLength),
            BinaryPrimitives.ReadInt64LittleEndian(span[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[16..]),
            DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(BinaryPrimitives.ReadInt64LittleEndian(span[24..]), -62135596800000L, 253402300799999L)),
            bytes.AsMemory(HeaderSize + stateLength, extraLength));
    }
}
