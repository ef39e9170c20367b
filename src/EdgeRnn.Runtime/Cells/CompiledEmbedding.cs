using EdgeRnn.Runtime.Kernels;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Cells;

/// <summary>
/// An embedding table compiled for stepping: a token's row read in place (float32) or dequantised into the caller's
/// buffer (int8, value = q · scale of the row), and Eᵀx for a step that gives V weights instead of a token.
/// </summary>
internal sealed class CompiledEmbedding
{
    private readonly float[] _values;
    private readonly sbyte[] _quantized;
    private readonly float[] _scales;

    public CompiledEmbedding(EmbeddingTable table)
    {
        VocabularySize = table.VocabularySize;
        EmbeddingSize = table.EmbeddingSize;
        IsQuantized = table.IsQuantized;
        _values = IsQuantized ? [] : table.Weight.Values.ToArray();
        _quantized = IsQuantized ? table.Weight.Quantized.ToArray() : [];
        _scales = IsQuantized ? table.Weight.RowScales.ToArray() : [];
    }

    public int VocabularySize { get; }

    public int EmbeddingSize { get; }

    public bool IsQuantized { get; }

    /// <summary>The row of <paramref name="token"/> (in range, checked by the caller): the table's own float32 row, or the int8 row dequantised into <paramref name="scratch"/>.</summary>
    public ReadOnlySpan<float> Row(int token, Span<float> scratch)
    {
        int width = EmbeddingSize;
        if (!IsQuantized)
        {
            return _values.AsSpan(token * width, width);
        }

        var q = _quantized.AsSpan(token * width, width);
        float scale = _scales[token];
        var row = scratch[..width];
        for (int e = 0; e < row.Length; e++)
        {
            row[e] = q[e] * scale;
        }

        return row;
    }

    /// <summary>
    /// <paramref name="output"/> = Eᵀx = Σ_v x_v · row v, over the non-zero x_v in token order; for a one-hot x the result
    /// is the token's row to the bit (1 · w + 0 = w), as <see cref="Row"/> gives it.
    /// </summary>
    public void Project(ReadOnlySpan<float> x, Span<float> output, Span<float> scratch)
    {
        output = output[..EmbeddingSize];
        output.Clear();
        for (int v = 0; v < x.Length; v++)
        {
            float weight = x[v];
            if (weight == 0f)
            {
                continue;
            }

            var row = Row(v, scratch);
            for (int e = 0; e < output.Length; e++)
            {
                output[e] = MulAdd.Of(weight, row[e], output[e]);
            }
        }
    }
}
