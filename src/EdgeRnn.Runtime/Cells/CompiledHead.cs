using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Cells;

/// <summary>The dense head with the output de-normalisation folded in: y = std ⊙ (W h + b) + mean.</summary>
internal sealed class CompiledHead
{
    private readonly CompiledMatrix _weight;
    private readonly float[] _bias;
    private readonly float[] _std;
    private readonly float[] _mean;

    public CompiledHead(DenseLayer head, ChannelNormalization output)
    {
        _weight = new CompiledMatrix(head.Weight);
        _bias = new float[_weight.PaddedRows];
        head.Bias.CopyTo(_bias);
        _std = output.Std.ToArray();
        _mean = output.Mean.ToArray();
        IsIdentity = output.IsIdentity;
    }

    public int OutputSize => _weight.Rows;

    public int PaddedRows => _weight.PaddedRows;

    public int InputSize => _weight.Cols;

    public int QuantizedLength => _weight.IsQuantized ? _weight.PaddedCols : 0;

    private bool IsIdentity { get; }

    /// <summary>output = de-normalised head(h); <paramref name="padded"/> holds <see cref="PaddedRows"/> values of scratch.</summary>
    public void Apply(ReadOnlySpan<float> h, Span<float> padded, Span<float> output, Span<sbyte> quantized)
    {
        _weight.MultiplyAdd(h, _bias, padded, quantized);
        Denormalize(padded, output);
    }

    /// <summary>The head for count streams: hs is count × InputSize, padded count × PaddedRows, outputs count × OutputSize.</summary>
    public void ApplyMany(ReadOnlySpan<float> hs, Span<float> padded, Span<float> outputs, Span<sbyte> quantized, Span<float> scales, int count)
    {
        int rows = PaddedRows;
        _weight.MultiplyAddMany(hs, InputSize, _bias, 0, padded, rows, count, quantized, scales);
        for (int s = 0; s < count; s++)
        {
            Denormalize(padded.Slice(s * rows, rows), outputs.Slice(s * OutputSize, OutputSize));
        }
    }

    private void Denormalize(ReadOnlySpan<float> padded, Span<float> output)
    {
        if (IsIdentity)
        {
            padded[..output.Length].CopyTo(output);
            return;
        }

        for (int i = 0; i < output.Length; i++)
        {
            output[i] = (padded[i] * _std[i]) + _mean[i];
        }
    }
}
