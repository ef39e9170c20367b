using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace EdgeRnn.Trainer.Training.Engine;

internal sealed partial class BpttWorker<T>
{
    /// <summary>
    /// i, f, g, o = σ, σ, tanh, σ of (W_ih x + b_ih + W_hh h + b_hh) in blocks; c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c').
    /// The input projections of all steps are one product; each step adds h · W_hhᵀ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardLstm(SequenceNetwork<T> network, int layer)
    {
        var buffers = _layers[layer];
        int rows = _rows;
        int stepRows = _steps * rows;
        int block = rows * H;
        var gates = buffers.Gates.AsSpan(0, stepRows * GH);
        FillRows(gates, network.StepBias(layer), stepRows);
        MatrixKernels.Multiply(LayerInput(layer), _shape.LayerInputSize(layer), 1, network.InputWeightsT(layer), gates, stepRows, _shape.LayerInputSize(layer), GH, accumulate: true);
        var recurrent = network.RecurrentWeightsT(layer);
        for (int t = 0; t < _steps; t++)
        {
            var stepGates = gates.Slice(t * rows * GH, rows * GH);
            MatrixKernels.Multiply(buffers.Hidden.AsSpan(t * block, block), H, 1, recurrent, stepGates, rows, H, GH, accumulate: true);
            var cPrev = buffers.Cell.AsSpan(t * block, block);
            var c = buffers.Cell.AsSpan((t + 1) * block, block);
            for (int b = 0; b < rows; b++)
            {
                var g = stepGates.Slice(b * GH, GH);
                TensorPrimitives.Sigmoid(g[..(2 * H)], g[..(2 * H)]);
                TensorPrimitives.Tanh(g.Slice(2 * H, H), g.Slice(2 * H, H));
                TensorPrimitives.Sigmoid(g.Slice(3 * H, H), g.Slice(3 * H, H));
                var cRow = c.Slice(b * H, H);
                TensorPrimitives.Multiply(g[..H], g.Slice(2 * H, H), cRow);
                TensorPrimitives.MultiplyAdd(g.Slice(H, H), cPrev.Slice(b * H, H), cRow, cRow);
            }

            var tanhC = buffers.TanhCell.AsSpan(t * block, block);
            TensorPrimitives.Tanh(c, tanhC);
            var h = buffers.Hidden.AsSpan((t + 1) * block, block);
            for (int b = 0; b < rows; b++)
            {
                TensorPrimitives.Multiply(stepGates.Slice((b * GH) + (3 * H), H), tanhC.Slice(b * H, H), h.Slice(b * H, H));
            }
        }
    }

    /// <summary>
    /// Back through time from the last step: dc = dc' ⊙ f + (dh ⊙ o ⊙ (1 − tanh²c)); pre-activation gradients
    /// di ⊙ i(1 − i), df ⊙ f(1 − f), dg ⊙ (1 − g²), do ⊙ o(1 − o); dh_prev = dG · W_hh. Returns dG (shared by both weights).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<T> BackwardLstm(SequenceNetwork<T> network, int layer, T[] outGrad)
    {
        var buffers = _layers[layer];
        int rows = _rows;
        int block = rows * H;
        var dh = _dh.AsSpan(0, block);
        var dc = _dc.AsSpan(0, block);
        dh.Clear();
        dc.Clear();
        var weightHh = network.Tensor(network.Layout.WeightHh(layer));
        for (int t = _steps - 1; t >= 0; t--)
        {
            var gates = buffers.Gates.AsSpan(t * rows * GH, rows * GH);
            var dGates = _gateGrad.AsSpan(t * rows * GH, rows * GH);
            var cPrev = buffers.Cell.AsSpan(t * block, block);
            var tanhC = buffers.TanhCell.AsSpan(t * block, block);
            var dOut = outGrad.AsSpan(t * block, block);
            for (int b = 0; b < rows; b++)
            {
                int at = b * H;
                CellEpilogues.LstmBackward(
                    gates.Slice(b * GH, GH), dGates.Slice(b * GH, GH), cPrev.Slice(at, H), tanhC.Slice(at, H), dOut.Slice(at, H), dh.Slice(at, H), dc.Slice(at, H), H);
            }

            MatrixKernels.Multiply(dGates, GH, 1, weightHh, dh, rows, GH, H, accumulate: false);
        }

        return _gateGrad.AsSpan(0, _steps * rows * GH);
    }
}
