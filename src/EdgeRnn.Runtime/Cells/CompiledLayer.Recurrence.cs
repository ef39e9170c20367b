using EdgeRnn.Runtime.Kernels;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Cells;

internal sealed partial class CompiledLayer
{
    /// <summary>
    /// One recurrent step from a projected input: updates h (and c) in place. <paramref name="pre"/> (GateRows values) is
    /// used as scratch; <paramref name="work"/> needs <see cref="WorkLength"/> values and <paramref name="quantized"/>
    /// <see cref="QuantizedLength"/>. <paramref name="descending"/>: the order W_hh's blocks are walked in (same result).
    /// </summary>
    public void Recur(Span<float> pre, Span<float> h, Span<float> c, Span<float> work, Span<sbyte> quantized, bool descending = false)
    {
        switch (Kind)
        {
            case CellKind.Lstm:
                _weightHh.MultiplyAdd(h, pre, pre, quantized, descending);
                CellEpilogues.Lstm(pre, c, h);
                break;

            case CellKind.Gru:
            {
                var gh = work[..GateRows];
                _weightHh.MultiplyAdd(h, _recurrentBias, gh, quantized, descending);
                CellEpilogues.Gru(pre, gh, h);
                break;
            }

            case CellKind.RnnTanh:
                _weightHh.MultiplyAdd(h, pre, pre, quantized, descending);
                CellEpilogues.Tanh(pre, h);
                break;

            default:
                _weightHh.MultiplyAdd(h, pre, pre, quantized, descending);
                CellEpilogues.Relu(pre, h);
                break;
        }
    }

    /// <summary>The float scratch <see cref="Recur"/> needs.</summary>
    public int WorkLength => Math.Max(GateRows, HiddenSize);
}
