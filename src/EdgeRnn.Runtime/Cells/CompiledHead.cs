using EdgeRnn.Runtime.Kernels;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Cells;

/// <summary>
/// The dense head with the output de-normalisation folded in: y = std ⊙ (W h + b) + mean. A float head of fewer outputs
/// than a kernel unit (16) runs one dot product per output (<see cref="RowGemv"/>) straight into the output.
/// </summary>
internal sealed class CompiledHead
{
    private readonly CompiledMatrix _weight;
    private readonly PackedRowMatrix? _rows;
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
        if (!head.Weight.IsQuantized && head.Weight.Rows < PackedFloatMatrix.Unit)
        {
            _rows = PackedRowMatrix.Pack(head.Weight.Values, head.Weight.Rows, head.Weight.Cols);
        }
    }

    public int OutputSize => _weight.Rows;

    public int PaddedRows => _weight.PaddedRows;

    public int InputSize => _weight.Cols;

    public int QuantizedLength => _weight.IsQuantized ? _weight.PaddedCols : 0;

    private bool IsIdentity { get; }

    /// <summary>A float head of one output as one <see cref="DenseRow"/> (the row a float LSTM layer's step can end in), or null.</summary>
    public DenseRow? SingleRow => _rows is { Rows: 1 } ? new DenseRow(_rows, _bias[0], _std[0], _mean[0], !IsIdentity) : null;

    /// <summary>output = de-normalised head(h); <paramref name="padded"/> holds <see cref="PaddedRows"/> values of scratch.</summary>
    public void Apply(ReadOnlySpan<float> h, Span<float> padded, Span<float> output, Span<sbyte> quantized)
    {
        if (_rows is not null)
        {
            RowGemv.MultiplyAdd(_rows, h, _bias, output);
            if (!IsIdentity)
            {
                Denormalize(output, output);
            }

            return;
        }

        _weight.MultiplyAdd(h, _bias, padded, quantized);
        Denormalize(padded, output);
    }

    /// <summary>raw = W h + b, the output before de-normalisation (<see cref="Denormalize"/>); <paramref name="padded"/> holds <see cref="PaddedRows"/> values of scratch.</summary>
    public void ApplyRaw(ReadOnlySpan<float> h, Span<float> padded, Span<float> raw, Span<sbyte> quantized)
    {
        if (_rows is not null)
        {
            RowGemv.MultiplyAdd(_rows, h, _bias, raw);
            return;
        }

        _weight.MultiplyAdd(h, _bias, padded, quantized);
        padded[..raw.Length].CopyTo(raw);
    }

    /// <summary>The head for count streams: hs is count × InputSize, padded count × PaddedRows, outputs count × OutputSize.</summary>
    public void ApplyMany(ReadOnlySpan<float> hs, Span<float> padded, Span<float> outputs, Span<sbyte> quantized, Span<float> scales, int count)
    {
        if (_rows is not null)
        {
            for (int s = 0; s < count; s++)
            {
                Apply(hs.Slice(s * InputSize, InputSize), padded, outputs.Slice(s * OutputSize, OutputSize), quantized);
            }

            return;
        }

        int rows = PaddedRows;
        _weight.MultiplyAddMany(hs, InputSize, _bias, 0, padded, rows, count, quantized, scales);
        for (int s = 0; s < count; s++)
        {
            Denormalize(padded.Slice(s * rows, rows), outputs.Slice(s * OutputSize, OutputSize));
        }
    }

    /// <summary>output = std ⊙ padded + mean; padded may be output itself.</summary>
    public void Denormalize(ReadOnlySpan<float> padded, Span<float> output)
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
