using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace EdgeRnn.Training.Training.Engine.Cells;

/// <summary>
/// PyTorch's GRU: gates r, z, n in one G·H block per row; keeps the gates and W_hn h + b_hn of every step. Its input and
/// recurrent gate gradients differ in the n block, so it keeps a second gate gradient.
/// </summary>
internal sealed class GruGradient<T> : CellGradient<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _gates;
    private readonly T[][] _recurrentN;
    private T[] _stepScratch = [];
    private T[] _direct = [];
    private T[] _recurrentGateGrad = [];

    public GruGradient(NetworkShape shape)
        : base(shape)
    {
        _gates = new T[shape.Units][];
        _recurrentN = new T[shape.Units][];
    }

    public override ReadOnlySpan<T> RecurrentGateGradient => _recurrentGateGrad.AsSpan(0, Steps * Rows * GH);

    public override void Allocate(int rows, int stepRows)
    {
        base.Allocate(rows, stepRows);
        _stepScratch = new T[rows * GH];
        _direct = new T[rows * H];
        _recurrentGateGrad = new T[stepRows * GH];
        for (int l = 0; l < Shape.Units; l++)
        {
            _gates[l] = new T[stepRows * GH];
            _recurrentN[l] = new T[stepRows * H];
        }
    }

    protected override Span<T> PreActivations(int layer, int step, Span<T> hidden, int count) =>
        _gates[layer].AsSpan(step * Rows * GH, count * Rows * GH);

    /// <summary>
    /// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz), n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),
    /// h' = (1 − z) ⊙ n + z ⊙ h (PyTorch's GRU). Keeps r, z, n and W_hn h + b_hn.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Recur(IRecurrentWeights<T> network, int layer, int step, Span<T> hidden)
    {
        int rows = Rows;
        int block = rows * H;
        int t = step;
        var hh = _stepScratch.AsSpan(0, rows * GH);
        var one = T.One;
        var stepGates = _gates[layer].AsSpan(t * rows * GH, rows * GH);
        var hPrev = hidden.Slice(t * block, block);
        var h = hidden.Slice((t + 1) * block, block);
        var hn = _recurrentN[layer].AsSpan(t * block, block);
        MatrixKernels.FillRows(hh, network.RecurrentBias(layer), rows);
        MatrixKernels.Multiply(hPrev, H, 1, network.RecurrentWeightsT(layer), hh, rows, H, GH, accumulate: true);
        for (int b = 0; b < rows; b++)
        {
            var g = stepGates.Slice(b * GH, GH);
            var rz = g[..(2 * H)];
            TensorPrimitives.Add(rz, hh.Slice(b * GH, 2 * H), rz);
            TensorPrimitives.Sigmoid(rz, rz);
            var n = g.Slice(2 * H, H);
            var hnRow = hh.Slice((b * GH) + (2 * H), H);
            hnRow.CopyTo(hn.Slice(b * H, H));
            TensorPrimitives.MultiplyAdd(g[..H], hnRow, n, n);
            TensorPrimitives.Tanh(n, n);
            int at = b * H;
            for (int j = 0; j < H; j++)
            {
                T z = g[H + j];
                h[at + j] = ((one - z) * n[j]) + (z * hPrev[at + j]);
            }
        }
    }

    /// <summary>
    /// dn = dh ⊙ (1 − z), dz = dh ⊙ (h − n), dh_prev = dh ⊙ z + dG_h · W_hh, where the input side gets
    /// dG_i = [dr·r(1 − r), dz·z(1 − z), dn(1 − n²)] and the recurrent side dG_h = [same r, same z, dn(1 − n²) ⊙ r],
    /// with dr = dn(1 − n²) ⊙ (W_hn h + b_hn).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void BackwardStep(IRecurrentWeights<T> network, int layer, int step, ReadOnlySpan<T> outGrad, ReadOnlySpan<T> hidden)
    {
        int rows = Rows;
        int block = rows * H;
        int t = step;
        var dh = Dh.AsSpan(0, block);
        var direct = _direct.AsSpan(0, block);
        var one = T.One;
        var gates = _gates[layer].AsSpan(t * rows * GH, rows * GH);
        var dInput = GateGrad.Slice(t * rows * GH, rows * GH);
        var dRecurrent = _recurrentGateGrad.AsSpan(t * rows * GH, rows * GH);
        var hPrev = hidden.Slice(t * block, block);
        var hn = _recurrentN[layer].AsSpan(t * block, block);
        for (int b = 0; b < rows; b++)
        {
            var g = gates.Slice(b * GH, GH);
            var di = dInput.Slice(b * GH, GH);
            var dr = dRecurrent.Slice(b * GH, GH);
            int at = b * H;
            for (int j = 0; j < H; j++)
            {
                T dht = outGrad[at + j] + dh[at + j];
                T r = g[j], z = g[H + j], n = g[(2 * H) + j];
                direct[at + j] = dht * z;
                T dan = dht * (one - z) * (one - (n * n));
                T dar = dan * hn[at + j] * r * (one - r);
                T daz = dht * (hPrev[at + j] - n) * z * (one - z);
                di[j] = dar;
                di[H + j] = daz;
                di[(2 * H) + j] = dan;
                dr[j] = dar;
                dr[H + j] = daz;
                dr[(2 * H) + j] = dan * r;
            }
        }

        direct.CopyTo(dh);
        MatrixKernels.Multiply(dRecurrent, GH, 1, network.RecurrentWeights(layer), dh, rows, GH, H, accumulate: true);
    }
}
