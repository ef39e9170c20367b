using EdgeRnn.Runtime.Kernels;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Cells;

internal sealed partial class CompiledLayer
{
    /// <summary>
    /// One whole step of the layer from its input x: pre = bias + W_ih·x, then <see cref="Recur"/>. A float LSTM or RNN
    /// layer runs both products in one kernel pass (<see cref="FloatGemv.MultiplyAddPair"/>: the same sums in the same
    /// order, so the same bits as <see cref="ProjectInput"/> then <see cref="Recur"/>); a float LSTM or GRU layer of 32
    /// units runs the epilogue on the products' registers as well (<see cref="FloatGemv.Lstm32"/>, <see cref="FloatGemv.Gru32"/>).
    /// An int8 layer takes x's and h's quantization from <paramref name="inputCache"/> and <paramref name="hiddenCache"/> when given
    /// (the same values: see <see cref="QuantizedHidden"/>).
    /// </summary>
    public void Step(ReadOnlySpan<float> x, Span<float> pre, Span<float> h, Span<float> c, Span<float> work, Span<sbyte> quantized, bool descending, QuantizedHidden? inputCache = null, QuantizedHidden? hiddenCache = null)
    {
        if (_weightIh.Float is { } input && _weightHh.Float is { } recurrent)
        {
            if (Kind == CellKind.Gru)
            {
                if (FloatGemv.Gru32(input, x, recurrent, h, _inputBias, _recurrentBias, null, default))
                {
                    return;
                }
            }
            else
            {
                if (Kind == CellKind.Lstm && FloatGemv.Lstm32(input, x, recurrent, h, c, _inputBias, null, default))
                {
                    return;
                }

                FloatGemv.MultiplyAddPair(input, x, recurrent, h, _inputBias, pre, descending);
                Finish(pre, h, c);
                return;
            }
        }

        _weightIh.MultiplyAddCached(x, _inputBias, pre, quantized, descending, inputCache);
        Recur(pre, h, c, work, quantized, descending, hiddenCache);
    }

    /// <summary>A float32 LSTM or GRU layer: its step can end in a one-output head (<see cref="StepThenDot"/>).</summary>
    public bool CanStepThenDot => (Kind == CellKind.Lstm || Kind == CellKind.Gru) && _weightIh.Float is not null && _weightHh.Float is not null;

    /// <summary>
    /// <see cref="Step"/> of a float32 LSTM or GRU layer (<see cref="CanStepThenDot"/>), then y[0] = a one-output head of h,
    /// the same numbers as <see cref="Step"/> followed by the head (<see cref="DenseRow"/>): in one kernel for 32 units
    /// (<see cref="FloatGemv.Lstm32"/>, <see cref="FloatGemv.Gru32"/>), else with the head in the epilogue
    /// (<see cref="CellEpilogues.LstmThenDot"/>, <see cref="CellEpilogues.GruThenDot"/>).
    /// </summary>
    public void StepThenDot(ReadOnlySpan<float> x, Span<float> pre, Span<float> h, Span<float> c, Span<float> work, DenseRow head, Span<float> y, bool descending)
    {
        var input = _weightIh.Float!;
        var recurrent = _weightHh.Float!;
        if (Kind == CellKind.Gru)
        {
            if (FloatGemv.Gru32(input, x, recurrent, h, _inputBias, _recurrentBias, head, y))
            {
                return;
            }

            var gh = work[..GateRows];
            FloatGemv.MultiplyAdd(input, x, _inputBias, pre, descending);
            FloatGemv.MultiplyAdd(recurrent, h, _recurrentBias, gh, descending);
            CellEpilogues.GruThenDot(pre, gh, h, head, y);
            return;
        }

        if (FloatGemv.Lstm32(input, x, recurrent, h, c, _inputBias, head, y))
        {
            return;
        }

        FloatGemv.MultiplyAddPair(input, x, recurrent, h, _inputBias, pre, descending);
        CellEpilogues.LstmThenDot(pre, c, h, head, y);
    }

    /// <summary>
    /// One recurrent step from a projected input: updates h (and c) in place. <paramref name="pre"/> (GateRows values) is
    /// used as scratch; <paramref name="work"/> needs <see cref="WorkLength"/> values and <paramref name="quantized"/>
    /// <see cref="QuantizedLength"/>. <paramref name="descending"/>: the order W_hh's blocks are walked in (same result).
    /// An int8 layer takes h's quantization from <paramref name="hidden"/> when given.
    /// </summary>
    public void Recur(Span<float> pre, Span<float> h, Span<float> c, Span<float> work, Span<sbyte> quantized, bool descending = false, QuantizedHidden? hidden = null)
    {
        switch (Kind)
        {
            case CellKind.Gru:
            {
                var gh = work[..GateRows];
                _weightHh.MultiplyAddCached(h, _recurrentBias, gh, quantized, descending, hidden);
                CellEpilogues.Gru(pre, gh, h);
                break;
            }

            default:
                _weightHh.MultiplyAddCached(h, pre, pre, quantized, descending, hidden);
                Finish(pre, h, c);
                break;
        }
    }

    /// <summary>The element-wise end of an LSTM or RNN layer from its summed gates (pre is used as scratch).</summary>
    private void Finish(Span<float> pre, Span<float> h, Span<float> c)
    {
        switch (Kind)
        {
            case CellKind.Lstm:
                CellEpilogues.Lstm(pre, c, h);
                break;

            case CellKind.RnnTanh:
                CellEpilogues.Tanh(pre, h);
                break;

            default:
                CellEpilogues.Relu(pre, h);
                break;
        }
    }

    /// <summary>The float scratch <see cref="Recur"/> needs.</summary>
    public int WorkLength => Math.Max(GateRows, HiddenSize);
}
