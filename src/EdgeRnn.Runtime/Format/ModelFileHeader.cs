using System.Buffers.Binary;
using System.Globalization;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Runtime.Format;

/// <summary>
/// The 64-byte file header: magic (8), major (u16), minor (u16), flags (u32), payload length (u64), section count (u32),
/// payload CRC-32 (u32), 28 reserved bytes, header CRC-32 (u32) over bytes 0 to 59.
/// </summary>
internal readonly record struct ModelFileHeader(ushort Major, ushort Minor, uint Flags, long PayloadLength, int SectionCount, uint PayloadCrc)
{
    public const int MajorOffset = 8;
    public const int MinorOffset = 10;
    public const int FlagsOffset = 12;
    public const int PayloadLengthOffset = 16;
    public const int SectionCountOffset = 24;
    public const int PayloadCrcOffset = 28;

    /// <summary>Checks the magic, the version, the header CRC, the flags, the payload length and the payload CRC, in that order.</summary>
    public static ModelFileHeader Parse(ReadOnlySpan<byte> file)
    {
        CheckMagic(file);
        if (file.Length < MinorOffset + 2)
        {
            throw Fail($"expected at least {ModelFileLayout.HeaderSize} header bytes; found only {file.Length} (truncated).");
        }

        ushort major = BinaryPrimitives.ReadUInt16LittleEndian(file[MajorOffset..]);
        ushort minor = BinaryPrimitives.ReadUInt16LittleEndian(file[MinorOffset..]);
        if (major > ModelFileLayout.MajorVersion)
        {
            throw Fail($"format version {major}.{minor} is newer than this reader, which reads versions {ModelFileLayout.MajorVersion}.x; update EdgeRnn to load it.");
        }

        if (major < ModelFileLayout.MajorVersion)
        {
            throw Fail($"expected format version {ModelFileLayout.MajorVersion}.x; found {major}.{minor}, which was never released.");
        }

        if (file.Length < ModelFileLayout.HeaderSize)
        {
            throw Fail($"expected at least {ModelFileLayout.HeaderSize} header bytes; found only {file.Length} (truncated).");
        }

        uint storedHeaderCrc = BinaryPrimitives.ReadUInt32LittleEndian(file[ModelFileLayout.HeaderCrcOffset..]);
        uint headerCrc = Crc32.Compute(file[..ModelFileLayout.HeaderCrcOffset]);
        if (storedHeaderCrc != headerCrc)
        {
            throw Fail($"header is corrupt: expected header CRC-32 0x{storedHeaderCrc:X8} (stored at offset {ModelFileLayout.HeaderCrcOffset}); computed 0x{headerCrc:X8} over bytes 0 to {ModelFileLayout.HeaderCrcOffset - 1}.");
        }

        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(file[FlagsOffset..]);
        if ((flags & ModelFileLayout.RequiredFeatureMask) != 0)
        {
            throw Fail($"header flags 0x{flags:X8} ask for required features (bits 0 to 15) that format {ModelFileLayout.MajorVersion}.{ModelFileLayout.MinorVersion} does not define; update EdgeRnn to load it.");
        }

        ulong payloadLength = BinaryPrimitives.ReadUInt64LittleEndian(file[PayloadLengthOffset..]);
        long actual = file.Length - ModelFileLayout.HeaderSize;
        if (payloadLength != (ulong)actual)
        {
            string problem = payloadLength > (ulong)actual ? "truncated" : "trailing bytes";
            throw Fail($"expected {payloadLength} payload bytes after the header (a file of {payloadLength + ModelFileLayout.HeaderSize} bytes, as the header says); found {actual} ({problem}).");
        }

        uint sectionCount = BinaryPrimitives.ReadUInt32LittleEndian(file[SectionCountOffset..]);
        if (sectionCount is 0 or > ModelFileLayout.MaxSections)
        {
            throw Fail($"expected a section count in [1, {ModelFileLayout.MaxSections}]; found {sectionCount}.");
        }

        uint storedPayloadCrc = BinaryPrimitives.ReadUInt32LittleEndian(file[PayloadCrcOffset..]);
        uint payloadCrc = Crc32.Compute(file[ModelFileLayout.HeaderSize..]);
        if (storedPayloadCrc != payloadCrc)
        {
            throw Fail($"payload is corrupt: expected CRC-32 0x{storedPayloadCrc:X8} (from the header); computed 0x{payloadCrc:X8} over bytes {ModelFileLayout.HeaderSize} to {file.Length - 1}.");
        }

        return new ModelFileHeader(major, minor, flags, actual, (int)sectionCount, storedPayloadCrc);
    }

    /// <summary>Writes a header into the first 64 bytes of <paramref name="file"/>, whose payload is already in place.</summary>
    public static void Write(Span<byte> file, int sectionCount, ushort minorVersion = ModelFileLayout.MinorVersion)
    {
        Span<byte> header = file[..ModelFileLayout.HeaderSize];
        header.Clear();
        ModelFileLayout.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[MajorOffset..], ModelFileLayout.MajorVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[MinorOffset..], minorVersion);
        BinaryPrimitives.WriteUInt64LittleEndian(header[PayloadLengthOffset..], (ulong)(file.Length - ModelFileLayout.HeaderSize));
        BinaryPrimitives.WriteUInt32LittleEndian(header[SectionCountOffset..], (uint)sectionCount);
        BinaryPrimitives.WriteUInt32LittleEndian(header[PayloadCrcOffset..], Crc32.Compute(file[ModelFileLayout.HeaderSize..]));
        BinaryPrimitives.WriteUInt32LittleEndian(header[ModelFileLayout.HeaderCrcOffset..], Crc32.Compute(header[..ModelFileLayout.HeaderCrcOffset]));
    }

    private static void CheckMagic(ReadOnlySpan<byte> file)
    {
        ReadOnlySpan<byte> magic = ModelFileLayout.Magic;
        int common = file.CommonPrefixLength(magic);
        if (common == magic.Length)
        {
            return;
        }

        if (common == file.Length)
        {
            if (file.Length == 0)
            {
                throw Fail($"is empty: expected at least a {ModelFileLayout.HeaderSize}-byte header.");
            }

            throw Fail($"expected at least {ModelFileLayout.HeaderSize} header bytes; found only {file.Length} (truncated).");
        }

        throw Fail($"expected the magic number {Hex(magic)} (\"\\x89ERNN\\r\\n\\x1A\"); found {Hex(file[..Math.Min(file.Length, magic.Length)])}{Guess(file, common)}");
    }

    private static string Guess(ReadOnlySpan<byte> file, int common)
    {
        if (common >= 5)
        {
            return ": the line endings were rewritten (the file was copied in text mode; copy it as binary).";
        }

        if (file.StartsWith("PK\u0003\u0004"u8))
        {
            return ": this is a ZIP archive, such as a PyTorch .pt file; export it with tools/export_torch.py and convert it with `edgernn import torch`.";
        }

        if (file.TrimStart(" \t\r\n\uFEFF"u8).StartsWith("{"u8))
        {
            return ": this looks like JSON; convert a model.json with `edgernn import torch`.";
        }

        return ": this is not an EdgeRnn model file.";
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    private static ModelFormatException Fail(FormattableString message) =>
        new("Model file " + message.ToString(CultureInfo.InvariantCulture));
}
