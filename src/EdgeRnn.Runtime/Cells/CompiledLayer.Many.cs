using EdgeRnn.Runtime.Kernels;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Cells;

internal sealed partial class CompiledLayer
{
    /// <summary>
    /// One step of <paramref name="count"/> streams whose inputs, h and c lie in contiguous stream-major planes. Each
    /// weight matrix is applied to all streams in one kernel call; results equal <see cref="Recur"/> per stream.
    /// </summary>
    /// <param name="xs">count × InputSize inputs, stride InputSize.</param>
    /// <param name="h">count × H hidden states, updated in place.</param>
    /// <param name="c">count × H cell states (LSTM), updated in place.</param>
    /// <param name="pre">count × GateRows scratch.</param>
    /// <param name="recurrent">count × GateRows scratch (GRU).</param>
    /// <param name="quantized">count × QuantizedLength scratch (int8).</param>
    /// <param name="scales">count scratch (int8).</param>
    /// <param name="count">The number of streams.</param>
    public void StepMany(ReadOnlySpan<float> xs, Span<float> h, Span<float> c, Span<float> pre, Span<float> recurrent, Span<sbyte> quantized, Span<float> scales, int count)
    {
        int n = HiddenSize;
        int rows = GateRows;
        _weightIh.MultiplyAddMany(xs, InputSize, _inputBias, 0, pre, rows, count, quantized, scales);
        if (Kind == CellKind.Gru)
        {
            _weightHh.MultiplyAddMany(h, n, _recurrentBias, 0, recurrent, rows, count, quantized, scales);
            for (int s = 0; s < count; s++)
            {
                CellEpilogues.Gru(pre.Slice(s * rows, rows), recurrent.Slice(s * rows, rows), h.Slice(s * n, n));
            }

            return;
        }

        _weightHh.MultiplyAddMany(h, n, pre, rows, pre, rows, count, quantized, scales);
        for (int s = 0; s < count; s++)
        {
            var gates = pre.Slice(s * rows, rows);
            var hs = h.Slice(s * n, n);
            switch (Kind)
            {
                case CellKind.Lstm:
                    CellEpilogues.Lstm(gates, c.Slice(s * n, n), hs);
                    break;
                case CellKind.RnnTanh:
                    CellEpilogues.Tanh(gates, hs);
                    break;
                default:
                    CellEpilogues.Relu(gates, hs);
                    break;
            }
        }
    }
}
