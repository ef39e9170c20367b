using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace EdgeRnn.Training.Training.Engine.Cells;

/// <summary>The LSTM: gates i, f, g, o in one G·H block per row; keeps the gates, c and tanh(c) of every step.</summary>
internal sealed class LstmGradient<T> : CellGradient<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _cell;
    private readonly T[][] _tanhCell;
    private readonly T[][] _gates;
    private T[] _dc = [];

    public LstmGradient(NetworkShape shape)
        : base(shape)
    {
        _cell = new T[shape.Units][];
        _tanhCell = new T[shape.Units][];
        _gates = new T[shape.Units][];
    }

    public override ReadOnlySpan<T> CarriedCell => _dc.AsSpan(0, Rows * H);

    /// <summary>c for steps 0..T: [T + 1, rows, H].</summary>
    public override Span<T> CellState(int layer, int step) => _cell[layer].AsSpan(step * Rows * H, Rows * H);

    public override void Allocate(int rows, int stepRows)
    {
        base.Allocate(rows, stepRows);
        _dc = new T[rows * H];
        for (int l = 0; l < Shape.Units; l++)
        {
            _cell[l] = new T[(stepRows + rows) * H];
            _tanhCell[l] = new T[stepRows * H];
            _gates[l] = new T[stepRows * GH];
        }
    }

    public override void BeginBackward(ReadOnlySpan<T> hidden, ReadOnlySpan<T> cell)
    {
        base.BeginBackward(hidden, cell);
        var dc = _dc.AsSpan(0, Rows * H);
        if (cell.IsEmpty)
        {
            dc.Clear();
        }
        else
        {
            cell.CopyTo(dc);
        }
    }

    protected override Span<T> PreActivations(int layer, int step, Span<T> hidden, int count) =>
        _gates[layer].AsSpan(step * Rows * GH, count * Rows * GH);

    /// <summary>
    /// i, f, g, o = σ, σ, tanh, σ of (W_ih x + b_ih + W_hh h + b_hh) in blocks; c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c').
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Recur(IRecurrentWeights<T> network, int layer, int step, Span<T> hidden)
    {
        int rows = Rows;
        int block = rows * H;
        int t = step;
        var stepGates = _gates[layer].AsSpan(t * rows * GH, rows * GH);
        MatrixKernels.Multiply(hidden.Slice(t * block, block), H, 1, network.RecurrentWeightsT(layer), stepGates, rows, H, GH, accumulate: true);
        var cell = _cell[layer];
        var cPrev = cell.AsSpan(t * block, block);
        var c = cell.AsSpan((t + 1) * block, block);
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

        var tanhC = _tanhCell[layer].AsSpan(t * block, block);
        TensorPrimitives.Tanh(c, tanhC);
        var h = hidden.Slice((t + 1) * block, block);
        for (int b = 0; b < rows; b++)
        {
            TensorPrimitives.Multiply(stepGates.Slice((b * GH) + (3 * H), H), tanhC.Slice(b * H, H), h.Slice(b * H, H));
        }
    }

    /// <summary>
    /// dc = dc' ⊙ f + (dh ⊙ o ⊙ (1 − tanh²c)); pre-activation gradients di ⊙ i(1 − i), df ⊙ f(1 − f), dg ⊙ (1 − g²),
    /// do ⊙ o(1 − o); dh_prev = dG · W_hh. dG is shared by both weights.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void BackwardStep(IRecurrentWeights<T> network, int layer, int step, ReadOnlySpan<T> outGrad, ReadOnlySpan<T> hidden)
    {
        int rows = Rows;
        int block = rows * H;
        int t = step;
        var dh = Dh.AsSpan(0, block);
        var dc = _dc.AsSpan(0, block);
        var gates = _gates[layer].AsSpan(t * rows * GH, rows * GH);
        var dGates = GateGrad.Slice(t * rows * GH, rows * GH);
        var cPrev = _cell[layer].AsSpan(t * block, block);
        var tanhC = _tanhCell[layer].AsSpan(t * block, block);
        for (int b = 0; b < rows; b++)
        {
            int at = b * H;
            LstmEpilogue.Backward(
                gates.Slice(b * GH, GH), dGates.Slice(b * GH, GH), cPrev.Slice(at, H), tanhC.Slice(at, H), outGrad.Slice(at, H), dh.Slice(at, H), dc.Slice(at, H), H);
        }

        MatrixKernels.Multiply(dGates, GH, 1, network.RecurrentWeights(layer), dh, rows, GH, H, accumulate: false);
    }
}
