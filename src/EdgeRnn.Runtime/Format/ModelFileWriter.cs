using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Format;

/// <summary>Writes the canonical bytes of a definition: header, then the sections in a fixed order, each padded to 64 bytes.</summary>
internal static partial class ModelFileWriter
{
    /// <exception cref="ArgumentException">The metadata or scoring holds something the format cannot carry.</exception>
    public static byte[] ToBytes(ModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        CheckWritable(definition);
        var sections = new List<(SectionId Id, SectionBodyWriter Body)>();
        if (definition.Decoder is { } decoder)
        {
            // First, so that a reader before 1.3 meets it before anything it might misread and refuses the file as too new.
            sections.Add((SectionId.Decoder, Decoder(decoder)));
        }

        sections.Add((SectionId.Metadata, Metadata(definition.Metadata)));
        sections.Add((SectionId.InputNormalization, Normalization(definition.InputNormalization)));
        AddLayers(sections, definition.Layers);

        sections.Add((SectionId.Head, Head(definition.Head)));
        sections.Add((SectionId.OutputNormalization, Normalization(definition.OutputNormalization)));
        sections.Add((SectionId.Scoring, Scoring(definition.Scoring)));
        if (definition.Detector is { } detector)
        {
            for (int m = 0; m < detector.Members.Count; m++)
            {
                sections.Add((SectionId.EnsembleMember, Member(m + 1)));
                AddLayers(sections, detector.Members[m].Layers);

                sections.Add((SectionId.Head, Head(detector.Members[m].Head)));
            }

            sections.Add((SectionId.Detector, Detector(detector)));
        }

        long length = ModelFileLayout.HeaderSize;
        foreach (var (_, body) in sections)
        {
            length = ModelFileLayout.Align(length + ModelFileLayout.SectionHeaderSize + body.Written.Length);
        }

        var file = new byte[checked((int)length)];
        long offset = ModelFileLayout.HeaderSize;
        foreach (var (id, body) in sections)
        {
            offset = WriteSection(file, offset, id, body.Written);
        }

        ushort minor = definition.IsSequenceToSequence ? ModelFileLayout.DecoderMinorVersion
            : definition.IsBidirectional ? ModelFileLayout.BidirectionalMinorVersion
            : definition.Detector is null ? ModelFileLayout.MinorVersion : ModelFileLayout.DetectorMinorVersion;
        ModelFileHeader.Write(file, sections.Count, minor);
        return file;
    }

    /// <summary>Each layer's section, a bidirectional one's followed by its reverse direction's.</summary>
    private static void AddLayers(List<(SectionId Id, SectionBodyWriter Body)> sections, IReadOnlyList<RecurrentLayer> layers)
    {
        foreach (RecurrentLayer layer in layers)
        {
            sections.Add((SectionId.RecurrentLayer, Layer(layer)));
            if (layer.Reverse is { } reverse)
            {
                sections.Add((SectionId.ReverseLayer, Layer(reverse)));
            }
        }
    }

    private static long WriteSection(byte[] file, long offset, SectionId id, ReadOnlySpan<byte> body)
    {
        Span<byte> header = file.AsSpan((int)offset, ModelFileLayout.SectionHeaderSize);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)id);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header[4..], ModelFileLayout.SectionRequiredFlag);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(header[8..], (ulong)body.Length);
        body.CopyTo(file.AsSpan((int)offset + ModelFileLayout.SectionHeaderSize));
        return ModelFileLayout.Align(offset + ModelFileLayout.SectionHeaderSize + body.Length);
    }

    private static void CheckWritable(ModelDefinition definition)
    {
        string? problem = ModelFileRules.MetadataProblem(definition.Metadata) ?? ModelFileRules.ScoringProblem(definition.Scoring);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(definition));
        }

        ModelFileRules.CheckScoringFits(definition);
    }
}
