using EdgeRnn.Runtime.Model;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace EdgeRnn.Trainer.Training.Engine;

internal sealed partial class BpttWorker<T>
{
    /// <summary>h' = tanh or max(0, ·) of (W_ih x + b_ih + W_hh h + b_hh), computed in place in h's buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardRnn(SequenceNetwork<T> network, int layer)
    {
        var buffers = _layers[layer];
        int rows = _rows;
        int stepRows = _steps * rows;
        int block = rows * H;
        var outputs = buffers.Outputs(rows, _steps, H);
        FillRows(outputs, network.StepBias(layer), stepRows);
        MatrixKernels.Multiply(LayerInput(layer), _shape.LayerInputSize(layer), 1, network.InputWeightsT(layer), outputs, stepRows, _shape.LayerInputSize(layer), GH, accumulate: true);
        var recurrent = network.RecurrentWeightsT(layer);
        bool relu = _shape.Kind == CellKind.RnnRelu;
        for (int t = 0; t < _steps; t++)
        {
            var h = buffers.Hidden.AsSpan((t + 1) * block, block);
            MatrixKernels.Multiply(buffers.Hidden.AsSpan(t * block, block), H, 1, recurrent, h, rows, H, GH, accumulate: true);
            if (relu)
            {
                TensorPrimitives.Max(h, T.Zero, h);
            }
            else
            {
                TensorPrimitives.Tanh(h, h);
            }
        }
    }

    /// <summary>da = dh ⊙ (1 − h'²) for tanh, dh ⊙ [h' &gt; 0] for ReLU (PyTorch's threshold backward); dh_prev = da · W_hh.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<T> BackwardRnn(int layer, T[] outGrad, SequenceNetwork<T> network)
    {
        var buffers = _layers[layer];
        int rows = _rows;
        int block = rows * H;
        var dh = _dh.AsSpan(0, block);
        dh.Clear();
        var weightHh = network.Tensor(network.Layout.WeightHh(layer));
        bool relu = _shape.Kind == CellKind.RnnRelu;
        var one = T.One;
        for (int t = _steps - 1; t >= 0; t--)
        {
            var h = buffers.Hidden.AsSpan((t + 1) * block, block);
            var da = _gateGrad.AsSpan(t * block, block);
            var dOut = outGrad.AsSpan(t * block, block);
            for (int i = 0; i < block; i++)
            {
                T dht = dOut[i] + dh[i];
                da[i] = relu ? (h[i] > T.Zero ? dht : T.Zero) : dht * (one - (h[i] * h[i]));
            }

            MatrixKernels.Multiply(da, GH, 1, weightHh, dh, rows, GH, H, accumulate: false);
        }

        return _gateGrad.AsSpan(0, _steps * rows * GH);
    }
}
