using System.Buffers.Binary;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Device.Persistence;

/// <summary>
/// The bytes of a saved-state file: the recurrent state (<c>RnnState.SaveTo</c>, with its own model checksum and CRC) with
/// a save sequence number, the sample index, the save time and an optional small extra payload, in the runtime's
/// <see cref="CheckedBlob"/> envelope.
/// </summary>
/// <remarks>
/// Layout (little-endian): the envelope "ERSF" version 2 around int64 sequence, int64 sample index, int64 save time in
/// Unix milliseconds, uint32 state length, uint32 extra length, the state, the extra bytes. Version 1 (written before the
/// envelope) still decodes: "ERSF", uint16 version 1, uint16 0, the same fields, CRC-32 of everything before it.
/// </remarks>
internal static class StateFile
{
    /// <summary>The largest extra payload, in bytes.</summary>
    public const int MaxExtraBytes = 1 << 20;

    private const ushort Version = 2;
    private const int FieldsSize = 32;
    private const int Version1HeaderSize = 40;
    private const string What = "a state file (ERSF)";

    private static ReadOnlySpan<byte> Magic => "ERSF"u8;

    /// <summary>The file size for a state of <paramref name="stateBytes"/> and <paramref name="extraBytes"/> extra bytes.</summary>
    public static int Size(int stateBytes, int extraBytes) => CheckedBlob.Overhead + FieldsSize + stateBytes + extraBytes;

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
        var body = CheckedBlob.Body(bytes);
        BinaryPrimitives.WriteInt64LittleEndian(body, saved.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(body[8..], saved.SampleIndex);
        BinaryPrimitives.WriteInt64LittleEndian(body[16..], saved.SavedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32LittleEndian(body[24..], saved.State.Length);
        BinaryPrimitives.WriteInt32LittleEndian(body[28..], saved.Extra.Length);
        saved.State.Span.CopyTo(body[FieldsSize..]);
        saved.Extra.Span.CopyTo(body[(FieldsSize + saved.State.Length)..]);
        CheckedBlob.Seal(bytes, Magic, Version);
        return bytes;
    }

    /// <summary>Checks and unpacks file bytes, version 2 or 1 (the state inside is not yet checked against a model).</summary>
    /// <param name="bytes">The whole file.</param>
    /// <returns>The saved state.</returns>
    /// <exception cref="ModelFormatException">The bytes are truncated, corrupt or of another format; the message says what was expected and found.</exception>
    public static SavedState Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        int fields;
        if (CheckedBlob.HasHeader(bytes, Magic, 1))
        {
            CheckVersion1(bytes);
            fields = 8;
        }
        else
        {
            CheckedBlob.Open(bytes, Magic, What, out ushort version);
            if (version != Version)
            {
                throw new ModelFormatException($"Expected {What} of version {Version} or 1; found version {version}.");
            }

            fields = CheckedBlob.HeaderSize;
        }

        if (bytes.Length < fields + FieldsSize + 4)
        {
            throw new ModelFormatException($"Expected {What} of at least {fields + FieldsSize + 4} bytes; found {bytes.Length} bytes.");
        }

        var span = bytes.AsSpan(fields);
        int stateLength = BinaryPrimitives.ReadInt32LittleEndian(span[24..]);
        int extraLength = BinaryPrimitives.ReadInt32LittleEndian(span[28..]);
        if (stateLength < 0 || extraLength < 0 || extraLength > MaxExtraBytes || (long)fields + FieldsSize + stateLength + extraLength + 4 != bytes.Length)
        {
            throw new ModelFormatException($"Expected {What} of {fields + FieldsSize} + state + extra + 4 bytes; found {bytes.Length} bytes with lengths {stateLength} and {extraLength}: it is truncated or corrupt.");
        }

        int state = fields + FieldsSize;
        return new SavedState(
            bytes.AsMemory(state, stateLength),
            BinaryPrimitives.ReadInt64LittleEndian(span),
            BinaryPrimitives.ReadInt64LittleEndian(span[8..]),
            DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(BinaryPrimitives.ReadInt64LittleEndian(span[16..]), -62135596800000L, 253402300799999L)),
            bytes.AsMemory(state + stateLength, extraLength));
    }

    /// <summary>Version 1: "ERSF", u16 1, u16 0, the same fields, CRC-32 of everything before it.</summary>
    private static void CheckVersion1(ReadOnlySpan<byte> span)
    {
        if (span.Length < Version1HeaderSize + 4)
        {
            throw new ModelFormatException($"Expected {What} of version 1 of at least {Version1HeaderSize + 4} bytes; found {span.Length} bytes.");
        }

        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(span[^4..]);
        uint actual = CheckedBlob.Crc32Of(span[..^4]);
        if (crc != actual)
        {
            throw new ModelFormatException($"Expected {What} of version 1 with CRC-32 0x{crc:X8}; computed 0x{actual:X8}: the file is corrupt.");
        }
    }
}
