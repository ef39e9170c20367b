using System.Buffers.Binary;
using System.Globalization;
using EdgeRnn.Runtime.Model;

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
                if (parts.Current.Layers.Count == ModelDefinition.MaxLayers)
                {
                    throw Fail($"{where}: expected at most {ModelDefinition.MaxLayers} recurrent layer sections per forecaster; found another.");
                }

                parts.Current.Layers.Add(ReadLayer(ref body));
                break;
            case SectionId.ReverseLayer:
                parts.Current.AddReverse(ReadLayer(ref body), where);
                break;
            case SectionId.Head:
                parts.Current.Head = Once(parts.Current.Head, ReadHead(ref body), where);
                break;
            case SectionId.EnsembleMember:
                if (parts.Detector is not null || parts.Members.Count + 1 >= ModelDefinition.MaxEnsemble)
                {
                    throw Fail($"{where}: expected at most {ModelDefinition.MaxEnsemble - 1} ensemble member sections, all before the detector section; found another.");
                }

                int member = body.ReadInt32InRange("the member index", parts.Members.Count + 1, parts.Members.Count + 1);
                parts.Members.Add(new Forecaster(member));
                break;
            case SectionId.Detector:
                parts.Detector = Once(parts.Detector, ReadDetector(ref body, parts.Members.Count + 1), where);
                break;
            case SectionId.Scoring:
                parts.Scoring = Once(parts.Scoring, ReadScoring(ref body), where);
                break;
            case SectionId.Decoder:
                parts.Decoder = Once(parts.Decoder, ReadDecoder(ref body), where);
                break;
            default:
                if ((flags & ModelFileLayout.SectionRequiredFlag) != 0)
                {
                    throw Fail($"{where}: the section is marked required, but this reader (format {ModelFileLayout.MajorVersion}.{ModelFileLayout.NewestMinorVersion}) knows only section ids 1 to 10; the file needs a newer EdgeRnn.");
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

    /// <summary>The layers and head of one forecaster: the model's own (index 0) or an ensemble member's.</summary>
    private sealed class Forecaster(int index)
    {
        public List<RecurrentLayer> Layers { get; } = [];

        public DenseLayer? Head { get; set; }

        /// <summary>Makes the last layer read bidirectional; a reverse layer section must follow its layer section directly.</summary>
        public void AddReverse(RecurrentLayer reverse, string where)
        {
            if (Layers.Count == 0 || Layers[^1].IsBidirectional || Head is not null)
            {
                throw Fail($"{where}: expected a reverse layer section right after the recurrent layer section it belongs to; found it elsewhere.");
            }

            try
            {
                Layers[^1] = RecurrentLayer.Bidirectional(Layers[^1], reverse);
            }
            catch (ArgumentException ex)
            {
                throw Fail($"{where}: {ex.Message}");
            }
        }

        public (List<RecurrentLayer> Layers, DenseLayer Head) Complete()
        {
            string who = index == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" for ensemble member {index}");
            if (Layers.Count == 0)
            {
                throw Fail($"expected 1 to {ModelDefinition.MaxLayers} recurrent layer sections{who}; found none.");
            }

            return Head is null ? throw Fail($"expected a head section{who}; found none.") : (Layers, Head);
        }
    }

    private sealed class Parts
    {
        private readonly Forecaster _model = new(0);

        public ModelMetadata? Metadata { get; set; }

        public ChannelNormalization? InputNormalization { get; set; }

        public ChannelNormalization? OutputNormalization { get; set; }

        public List<Forecaster> Members { get; } = [];

        /// <summary>The forecaster the next layer and head sections belong to.</summary>
        public Forecaster Current => Members.Count == 0 ? _model : Members[^1];

        public ScoringParameters? Scoring { get; set; }

        public DetectorDefinition? Detector { get; set; }

        public SequenceDecoder? Decoder { get; set; }

        public ModelDefinition Build()
        {
            var (layers, head) = _model.Complete();
            if (Members.Count > 0 && Detector is null)
            {
                throw Fail($"expected a detector section after the {Members.Count} ensemble member section(s); found none.");
            }

            try
            {
                var definition = new ModelDefinition(layers, head, InputNormalization, OutputNormalization, Metadata, Scoring, decoder: Decoder);
                if (Detector is not null)
                {
                    var members = new List<ModelDefinition>(Members.Count);
                    foreach (var member in Members)
                    {
                        var (memberLayers, memberHead) = member.Complete();
                        members.Add(new ModelDefinition(memberLayers, memberHead, definition.InputNormalization, definition.OutputNormalization, definition.Metadata));
                    }

                    definition = definition.With(detector: Detector.WithMembers(members));
                }

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
