namespace EdgeRnn.Runtime.Format;

/// <summary>The fixed numbers of the <c>.ernn</c> layout (models/FORMAT.md).</summary>
internal static class ModelFileLayout
{
    /// <summary>The major version this code reads and writes; a file with a larger major is refused.</summary>
    public const ushort MajorVersion = 1;

    /// <summary>The minor version this code writes for a model without a detector (byte for byte as before 1.1); any minor of <see cref="MajorVersion"/> is read.</summary>
    public const ushort MinorVersion = 0;

    /// <summary>The minor version written for a model that carries a detector (ensemble member and detector sections).</summary>
    public const ushort DetectorMinorVersion = 1;

    /// <summary>The minor version written for a model with a bidirectional layer (reverse layer sections), detector or not.</summary>
    public const ushort BidirectionalMinorVersion = 2;

    /// <summary>The minor version written for an encoder-decoder model (a decoder section).</summary>
    public const ushort DecoderMinorVersion = 3;

    /// <summary>The newest minor version this code knows.</summary>
    public const ushort NewestMinorVersion = DecoderMinorVersion;

    /// <summary>The size of the file header; the first section starts here.</summary>
    public const int HeaderSize = 64;

    /// <summary>The bytes of the header covered by the header CRC (all but the CRC itself).</summary>
    public const int HeaderCrcOffset = 60;

    /// <summary>Every section starts at a multiple of this many bytes from the start of the file.</summary>
    public const int Alignment = 64;

    /// <summary>The size of a section header: id (u32), flags (u32), body length (u64).</summary>
    public const int SectionHeaderSize = 16;

    /// <summary>Section flag bit 0: a reader that does not know the section's id must refuse the file.</summary>
    public const uint SectionRequiredFlag = 1;

    /// <summary>File flags in this mask are features a reader must understand; 1.0 defines none.</summary>
    public const uint RequiredFeatureMask = 0x0000FFFF;

    /// <summary>The most sections a file may hold.</summary>
    public const int MaxSections = 256;

    /// <summary>The longest string, in UTF-8 bytes.</summary>
    public const int MaxStringBytes = 1 << 20;

    /// <summary>The most key/value properties.</summary>
    public const int MaxProperties = 65536;

    /// <summary>The longest rolling window of the scorer, in steps.</summary>
    public const int MaxScoringWindow = 1 << 24;

    /// <summary>The largest file <see cref="ModelFile.ReadAllBounded"/> accepts: 1 GiB.</summary>
    public const int MaxFileBytes = 1 << 30;

    /// <summary>
    /// The magic number: 0x89 (not ASCII, so text tools refuse it), "ERNN", then CR LF and Ctrl-Z as in PNG, so a transfer
    /// that rewrites line endings or a DOS <c>type</c> is caught at the first bytes.
    /// </summary>
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'E', (byte)'R', (byte)'N', (byte)'N', 0x0D, 0x0A, 0x1A];

    /// <summary>Rounds <paramref name="offset"/> up to the next multiple of <see cref="Alignment"/>.</summary>
    public static long Align(long offset) => (offset + Alignment - 1) & ~(long)(Alignment - 1);
}
