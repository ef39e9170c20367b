using System.Buffers.Binary;
using System.Globalization;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Runtime.Format;

/// <summary>Parses a whole <c>.ernn</c> file: header, checksums, then the sections one by one.</summary>
internal static partial class ModelFileReader
{
    public static ModelDefinition Read(ReadOnlySpan<byte> file, out uint checksum)
    {
        ModelFileHeader header = ModelFileHeader.Parse(file);
        checksum = header.PayloadCrc;
        var parts = new Parts();
        long offset = ModelFileLayout.HeaderSize;
        for (int index = 0; index < header.SectionCount; index++)
        {
            offset = ReadSection(file, offset, index, parts);
        }

        if (offset != file.Length)
        {
            throw Fail($"expected the file to end after section {header.SectionCount - 1} at offset {offset}; found {file.Length - offset} more bytes.");
        }

        return parts.Build();
    }

    private static long ReadSection(ReadOnlySpan<byte> file, long offset, int index, Parts parts)
    {
        if (file.Length - offset < ModelFileLayout.SectionHeaderSize)
        {
            throw Fail($"expected a {ModelFileLayout.SectionHeaderSize}-byte header for section {index} at offset {offset}; found {file.Length - offset} bytes left (the header announced more sections than the file holds).");
        }

        ReadOnlySpan<byte> sectionHeader = file.Slice((int)offset, ModelFileLayout.SectionHeaderSize);
        uint id = BinaryPrimitives.ReadUInt32LittleEndian(sectionHeader);
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(sectionHeader[4..]);
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(sectionHeader[8..]);
        long bodyStart = offset + ModelFileLayout.SectionHeaderSize;
        string where = string.Create(CultureInfo.InvariantCulture, $"section {index} ({SectionIds.Describe(id)}, from offset {offset})");
        if (length > (ulong)(file.Length - bodyStart))
        {
            throw Fail($"{where}: expected a body length of at most the {file.Length - bodyStart} bytes left in the file; found {length}.");
        }

        long end = ModelFileLayout.Align(bodyStart + (long)length);
        if (end > file.Length)
        {
            throw Fail($"{where}: expected zero padding up to offset {end}; the file ends at {file.Length}.");
        }

        ReadOnlySpan<byte> padding = file[(int)(bodyStart + (long)length)..(int)end];
        int nonZero = padding.IndexOfAnyExcept((byte)0);
        if (nonZero >= 0)
        {
            throw Fail($"{where}: expected zero padding; found 0x{padding[nonZero]:X2} at offset {bodyStart + (long)length + nonZero}.");
        }

        var body = new BoundedReader(file.Slice((int)bodyStart, (int)length), bodyStart, where);
        switch ((SectionId)id)
        {
            case SectionId.Metadata:
                parts.Metadata = Once(parts.Metadata, ReadMetadata(ref body), where);
                break;
            case SectionId.InputNormalization:
                parts.InputNormalization = Once(parts.InputNormalization, ReadNormalization(ref body), where);
                break;
            case SectionId.OutputNormalization:
                parts.OutputNormalization = Once(parts.OutputNormalization, ReadNormalization(ref body), where);
                break;
            case SectionId.RecurrentLayer:
                if (parts.Layers.Count == ModelDefinition.MaxLayers)
                {
                    throw Fail($"{where}: expected at most {ModelDefinition.MaxLayers} recurrent layer sections; found another.");
                }

                parts.Layers.Add(ReadLayer(ref body));
                break;
            case SectionId.Head:
                parts.Head = Once(parts.Head, ReadHead(ref body), where);
                break;
            case SectionId.Scoring:
                parts.Scoring = Once(parts.Scoring, ReadScoring(ref body), where);
                break;
            default:
                if ((flags & ModelFileLayout.SectionRequiredFlag) != 0)
                {
                    throw Fail($"{where}: the section is marked required, but this reader (format {ModelFileLayout.MajorVersion}.{ModelFileLayout.MinorVersion}) knows only section ids 1 to 6; the file needs a newer EdgeRnn.");
                }

                return end;
        }

        body.ExpectEnd();
        return end;
    }

    private static T Once<T>(T? existing, T value, string where)
        where T : class =>
        existing is null ? value : throw Fail($"{where}: expected this section at most once; found it again.");

    private static ModelFormatException Fail(FormattableString message) =>
        new("Model file " + message.ToString(CultureInfo.InvariantCulture));

    private sealed class Parts
    {
        public ModelMetadata? Metadata { get; set; }

        public ChannelNormalization? InputNormalization { get; set; }

        public ChannelNormalization? OutputNormalization { get; set; }

        public List<RecurrentLayer> Layers { get; } = [];

        public DenseLayer? Head { get; set; }

        public ScoringParameters? Scoring { get; set; }

        public ModelDefinition Build()
        {
            if (Layers.Count == 0)
            {
                throw Fail($"expected 1 to {ModelDefinition.MaxLayers} recurrent layer sections; found none.");
            }

            if (Head is null)
            {
                throw Fail($"expected a head section; found none.");
            }

            try
            {
                var definition = new ModelDefinition(Layers, Head, InputNormalization, OutputNormalization, Metadata, Scoring);
                ModelFileRules.CheckScoringFits(definition);
                return definition;
            }
            catch (ArgumentException ex)
            {
                throw new ModelFormatException("Model file sections do not fit together: " + ex.Message, ex);
            }
        }
    }
}
