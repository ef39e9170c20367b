using System.Buffers.Binary;
using System.Globalization;

namespace EdgeRnn.Runtime.Blobs;

/// <summary>
/// The envelope of every checked blob EdgeRnn saves (a recurrent state "ERST", a scorer state "ERSC", a detector state
/// "ERSD", the device's state file "ERSF", a training checkpoint "ERCK"): a header naming the format, its version and the
/// blob's length, the format's body, then a CRC-32 of everything before it. One writer and one reader, so that every
/// format is checked the same way and says the same things when it is damaged.
/// </summary>
/// <remarks>
/// <para>Layout (little-endian, models/FORMAT.md §13): 4 bytes magic (ASCII, names the format), u16 version (the
/// format's), u16 0 (reserved), u32 length (of the whole blob: header, body and trailer), the body, u32 CRC-32 (IEEE, as
/// zlib) of every byte before it. The overhead is <see cref="Overhead"/> bytes.</para>
/// <para><see cref="Open"/> checks in this order: the blob holds at least the envelope, the magic, the stated length
/// equals the actual length, the CRC; then it hands the version and the body to the format, which checks the rest.</para>
/// <para>Every format's version 1 predates the envelope (same magic and version at offset 4, no length);
/// <see cref="HasHeader"/> recognises it before <see cref="Open"/>.</para>
/// </remarks>
public static class CheckedBlob
{
    /// <summary>The bytes before the body: magic, version, reserved, length.</summary>
    public const int HeaderSize = 12;

    /// <summary>The bytes the envelope adds to a body: <see cref="HeaderSize"/> and the 4-byte CRC-32 trailer.</summary>
    public const int Overhead = HeaderSize + 4;

    private const int MagicSize = 4;

    /// <summary>The body of a blob being written: all of <paramref name="blob"/> but the header and the trailer.</summary>
    /// <param name="blob">The whole blob, <see cref="Overhead"/> + body length bytes.</param>
    /// <returns>Where the format writes its body.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blob"/> is shorter than <see cref="Overhead"/>.</exception>
    public static Span<byte> Body(Span<byte> blob)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blob.Length, Overhead, nameof(blob));
        return blob[HeaderSize..^4];
    }

    /// <summary>Writes the header and the CRC-32 trailer around a body already written at <see cref="Body"/>; allocates nothing.</summary>
    /// <param name="blob">The whole blob; its length is the stated length.</param>
    /// <param name="magic">The format's 4 ASCII bytes, e.g. <c>"ERST"u8</c>.</param>
    /// <param name="version">The format's version.</param>
    /// <exception cref="ArgumentException">The magic is not 4 bytes, or <paramref name="blob"/> is shorter than <see cref="Overhead"/>.</exception>
    public static void Seal(Span<byte> blob, ReadOnlySpan<byte> magic, ushort version)
    {
        CheckMagic(magic);
        ArgumentOutOfRangeException.ThrowIfLessThan(blob.Length, Overhead, nameof(blob));
        magic.CopyTo(blob);
        BinaryPrimitives.WriteUInt16LittleEndian(blob[4..], version);
        BinaryPrimitives.WriteUInt16LittleEndian(blob[6..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(blob[8..], blob.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(blob[^4..], Crc32.Compute(blob[..^4]));
    }

    /// <summary>Checks a blob's envelope and returns its body; allocates nothing unless it throws.</summary>
    /// <param name="blob">The whole blob.</param>
    /// <param name="magic">The format's 4 ASCII bytes, e.g. <c>"ERST"u8</c>.</param>
    /// <param name="what">The format as the messages name it, e.g. "a saved state (ERST)".</param>
    /// <param name="version">The blob's version, for the format to check.</param>
    /// <returns>The body, between the header and the trailer.</returns>
    /// <exception cref="ModelFormatException">
    /// The blob is shorter than the envelope, has another magic, is not as long as its header states, or fails its CRC;
    /// the message names the format and says what was expected and what was found.
    /// </exception>
    /// <exception cref="ArgumentException">The magic is not 4 bytes.</exception>
    public static ReadOnlySpan<byte> Open(ReadOnlySpan<byte> blob, ReadOnlySpan<byte> magic, string what, out ushort version)
    {
        CheckMagic(magic);
        if (blob.Length < Overhead)
        {
            throw Problem($"Expected {what} of at least {Overhead} bytes; found {blob.Length} bytes.");
        }

        if (!blob[..MagicSize].SequenceEqual(magic))
        {
            throw Problem($"Expected {what} starting with {Describe(magic)}; found {Describe(blob[..MagicSize])}.");
        }

        uint stated = BinaryPrimitives.ReadUInt32LittleEndian(blob[8..]);
        if (stated != (uint)blob.Length)
        {
            throw Problem($"Expected {what} of the {stated} bytes its header states; found {blob.Length} bytes: it is truncated or corrupt.");
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(blob[^4..]);
        uint actual = Crc32.Compute(blob[..^4]);
        if (stored != actual)
        {
            throw Problem($"Expected {what} with CRC-32 0x{stored:X8}; computed 0x{actual:X8}: the bytes are corrupt.");
        }

        version = BinaryPrimitives.ReadUInt16LittleEndian(blob[4..]);
        return blob[HeaderSize..^4];
    }

    /// <summary>
    /// Whether <paramref name="blob"/> starts with <paramref name="magic"/> and then <paramref name="version"/> as a u16,
    /// checking nothing else: how a format recognises its version 1, older than the envelope, before <see cref="Open"/>.
    /// </summary>
    /// <param name="blob">The bytes.</param>
    /// <param name="magic">The format's 4 ASCII bytes.</param>
    /// <param name="version">The version sought.</param>
    /// <returns>True when both match.</returns>
    public static bool HasHeader(ReadOnlySpan<byte> blob, ReadOnlySpan<byte> magic, ushort version) =>
        blob.Length >= MagicSize + 2 && blob.StartsWith(magic) && BinaryPrimitives.ReadUInt16LittleEndian(blob[MagicSize..]) == version;

    /// <summary>
    /// The CRC-32 the envelope uses (IEEE 802.3 as in zlib and PNG: reflected polynomial 0xEDB88320, initial value and
    /// final XOR 0xFFFFFFFF; the check value of the ASCII bytes "123456789" is 0xCBF43926), for formats that carry a
    /// CRC-32 outside this envelope (a framed sample, a version-1 blob).
    /// </summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The checksum.</returns>
    public static uint Crc32Of(ReadOnlySpan<byte> data) => Crc32.Compute(data);

    private static void CheckMagic(ReadOnlySpan<byte> magic)
    {
        if (magic.Length != MagicSize)
        {
            throw new ArgumentException($"Expected a magic of {MagicSize} bytes; found {magic.Length}.", nameof(magic));
        }
    }

    private static string Describe(ReadOnlySpan<byte> magic)
    {
        foreach (byte b in magic)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return "bytes " + Convert.ToHexString(magic);
            }
        }

        return "\"" + System.Text.Encoding.ASCII.GetString(magic) + "\"";
    }

    private static ModelFormatException Problem(FormattableString message) => new(message.ToString(CultureInfo.InvariantCulture));
}
