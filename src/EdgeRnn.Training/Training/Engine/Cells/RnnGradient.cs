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

    protected override Span<T> PreActivations(int layer, int step, Span<T> hidden, int count) =>
        hidden.Slice((step + 1) * Rows * H, count * Rows * H);

    /// <summary>h' = tanh or max(0, ·) of (W_ih x + b_ih + W_hh h + b_hh), computed in place in h's buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Recur(IRecurrentWeights<T> network, int layer, int step, Span<T> hidden)
    {
        int block = Rows * H;
        var h = hidden.Slice((step + 1) * block, block);
        MatrixKernels.Multiply(hidden.Slice(step * block, block), H, 1, network.RecurrentWeightsT(layer), h, Rows, H, GH, accumulate: true);
        if (_relu)
        {
            TensorPrimitives.Max(h, T.Zero, h);
        }
        else
        {
            TensorPrimitives.Tanh(h, h);
        }
    }

    /// <summary>da = dh ⊙ (1 − h'²) for tanh, dh ⊙ [h' &gt; 0] for ReLU (PyTorch's threshold backward); dh_prev = da · W_hh.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void BackwardStep(IRecurrentWeights<T> network, int layer, int step, ReadOnlySpan<T> outGrad, ReadOnlySpan<T> hidden)
    {
        int rows = Rows;
        int block = rows * H;
        var dh = Dh.AsSpan(0, block);
        bool relu = _relu;
        var one = T.One;
        var h = hidden.Slice((step + 1) * block, block);
        var da = GateGrad.Slice(step * block, block);
        for (int i = 0; i < block; i++)
        {
            T dht = outGrad[i] + dh[i];
            da[i] = relu ? (h[i] > T.Zero ? dht : T.Zero) : dht * (one - (h[i] * h[i]));
        }

        MatrixKernels.Multiply(da, GH, 1, network.RecurrentWeights(layer), dh, rows, GH, H, accumulate: false);
    }
}
