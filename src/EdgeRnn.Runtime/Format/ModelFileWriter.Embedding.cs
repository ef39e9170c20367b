using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Format;

/// <summary>The embedding table section (id 11, format 1.3), mirroring <see cref="ModelFileReader"/>.</summary>
internal static partial class ModelFileWriter
{
    private static SectionBodyWriter Embedding(EmbeddingTable table)
    {
        var body = new SectionBodyWriter();
        body.WriteInt32(table.VocabularySize);
        body.WriteInt32(table.EmbeddingSize);
        body.WriteUInt32((uint)(table.IsQuantized ? WeightStorage.Int8 : WeightStorage.Float32));
        if (table.IsQuantized)
        {
            body.WriteSingles(table.Weight.RowScales);
            body.WriteSBytes(table.Weight.Quantized);
        }
        else
        {
            body.WriteSingles(table.Weight.Values);
        }

        return body;
    }
}
