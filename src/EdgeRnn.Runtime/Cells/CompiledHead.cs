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

    public int QuantizedLength => _weight.IsQuantized ? _weight.PaddedCols : 0;

    private bool IsIdentity { get; }

    /// <summary>output = de-normalised head(h); <paramref name="padded"/> holds <see cref="PaddedRows"/> values of scratch.</summary>
    public void Apply(ReadOnlySpan<float> h, Span<float> padded, Span<float> output, Span<sbyte> quantized)
    {
        _weight.MultiplyAdd(h, _bias, padded, quantized);
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
