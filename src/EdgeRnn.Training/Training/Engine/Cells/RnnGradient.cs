using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace EdgeRnn.Training.Training.Engine.Cells;

/// <summary>The vanilla RNN, tanh or ReLU: one gate, computed in place in h's buffer, so it keeps nothing of its own.</summary>
internal sealed class RnnGradient<T> : CellGradient<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly bool _relu;

    public RnnGradient(NetworkShape shape, bool relu)
        : base(shape)
    {
        _relu = relu;
    }

    /// <summary>h' = tanh or max(0, ·) of (W_ih x + b_ih + W_hh h + b_hh), computed in place in h's buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(SequenceNetwork<T> network, int layer, ReadOnlySpan<T> input, Span<T> hidden)
    {
        int rows = Rows;
        int stepRows = Steps * rows;
        int block = rows * H;
        var outputs = hidden.Slice(block, stepRows * H);
        ProjectInputs(network, layer, input, outputs);
        var recurrent = network.RecurrentWeightsT(layer);
        bool relu = _relu;
        for (int t = 0; t < Steps; t++)
        {
            var h = hidden.Slice((t + 1) * block, block);
            MatrixKernels.Multiply(hidden.Slice(t * block, block), H, 1, recurrent, h, rows, H, GH, accumulate: true);
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
    public override void Backward(SequenceNetwork<T> network, int layer, ReadOnlySpan<T> outGrad, ReadOnlySpan<T> hidden)
    {
        int rows = Rows;
        int block = rows * H;
        var dh = Dh.AsSpan(0, block);
        dh.Clear();
        var weightHh = network.Tensor(network.Layout.WeightHh(layer));
        bool relu = _relu;
        var one = T.One;
        for (int t = Steps - 1; t >= 0; t--)
        {
            var h = hidden.Slice((t + 1) * block, block);
            var da = GateGrad.Slice(t * block, block);
            var dOut = outGrad.Slice(t * block, block);
            for (int i = 0; i < block; i++)
            {
                T dht = dOut[i] + dh[i];
                da[i] = relu ? (h[i] > T.Zero ? dht : T.Zero) : dht * (one - (h[i] * h[i]));
            }

            MatrixKernels.Multiply(da, GH, 1, weightHh, dh, rows, GH, H, accumulate: false);
        }
    }
}
