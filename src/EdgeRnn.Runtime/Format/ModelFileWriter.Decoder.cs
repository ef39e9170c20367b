using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Format;

internal static partial class ModelFileWriter
{
    /// <summary>The decoder section (models/FORMAT.md §7.9): five u32, the layers, then the attention matrices the kind needs.</summary>
    private static SectionBodyWriter Decoder(SequenceDecoder decoder)
    {
        var body = new SectionBodyWriter();
        body.WriteInt32(decoder.Horizon);
        body.WriteUInt32((uint)decoder.Start);
        body.WriteUInt32((uint)decoder.Attention);
        body.WriteInt32(decoder.AttentionSize);
        body.WriteInt32(decoder.Layers.Count);
        foreach (RecurrentLayer layer in decoder.Layers)
        {
            Layer(layer, body);
            body.WritePadding4();
        }

        foreach (WeightMatrix? matrix in new[] { decoder.General, decoder.Memory, decoder.Query })
        {
            if (matrix is not null)
            {
                Matrix(body, matrix);
            }
        }

        body.WriteSingles(decoder.Score);
        if (decoder.Combine is { } combine)
        {
            Matrix(body, combine);
        }

        return body;
    }

    /// <summary>u32 storage, then R·C f32, or R f32 row scales, R·C i8 and zero padding to 4 bytes.</summary>
    private static void Matrix(SectionBodyWriter body, WeightMatrix matrix)
    {
        body.WriteUInt32((uint)(matrix.IsQuantized ? WeightStorage.Int8 : WeightStorage.Float32));
        if (matrix.IsQuantized)
        {
            body.WriteSingles(matrix.RowScales);
            body.WriteSBytes(matrix.Quantized);
            body.WritePadding4();
        }
        else
        {
            body.WriteSingles(matrix.Values);
        }
    }
}
