using EdgeRnn.Runtime.Model;
using System.Numerics;
using System.Numerics.Tensors;

namespace EdgeRnn.Training.Training.Engine.Cells;

/// <summary>
/// One cell kind's part of <see cref="BpttWorker{T}"/> and of the encoder–decoder: the forward pass of a unit over all
/// steps (or one step at a time, when each step's input depends on the previous output), keeping what the backward pass
/// needs, and the backward pass through time to the gate gradients (whole, or one step at a time from a carried
/// d(loss)/dh and dc). Chosen once per worker by <see cref="Create"/>; it owns its kind's buffers (gates, LSTM c) for
/// every unit, grown by <see cref="Allocate"/>.
/// </summary>
internal abstract class CellGradient<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _gateGrad = [];

    protected CellGradient(NetworkShape shape)
    {
        Shape = shape;
    }

    /// <summary>The gate gradient for W_ih and b_ih of the last backward pass, [steps · rows, G·H].</summary>
    public ReadOnlySpan<T> InputGateGradient => _gateGrad.AsSpan(0, Steps * Rows * GH);

    /// <summary>The gate gradient for W_hh and b_hh of the last backward pass; the input one unless the cell splits them.</summary>
    public virtual ReadOnlySpan<T> RecurrentGateGradient => InputGateGradient;

    /// <summary>d(loss)/dh carried back: after <see cref="BackwardStep"/> of step t, the gradient of h before step t, [rows, H].</summary>
    public ReadOnlySpan<T> CarriedHidden => Dh.AsSpan(0, Rows * H);

    /// <summary>d(loss)/dc carried back the same way; empty for cells without c.</summary>
    public virtual ReadOnlySpan<T> CarriedCell => [];

    protected NetworkShape Shape { get; }

    protected int H => Shape.HiddenSize;

    protected int GH => Shape.GateWidth;

    /// <summary>Windows in the current chunk.</summary>
    protected int Rows { get; private set; }

    /// <summary>Steps per window in the current chunk.</summary>
    protected int Steps { get; private set; }

    /// <summary>d(loss)/dh carried back to the previous step, [rows, H].</summary>
    protected T[] Dh { get; private set; } = [];

    /// <summary>The buffer behind <see cref="InputGateGradient"/>, written by the backward pass.</summary>
    protected Span<T> GateGrad => _gateGrad;

    public static CellGradient<T> Create(NetworkShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Kind switch
        {
            CellKind.Lstm => new LstmGradient<T>(shape),
            CellKind.Gru => new GruGradient<T>(shape),
            CellKind.RnnTanh => new RnnGradient<T>(shape, relu: false),
            CellKind.RnnRelu => new RnnGradient<T>(shape, relu: true),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape.Kind, "Expected an LSTM, GRU or RNN cell."),
        };
    }

    /// <summary>The cell state c of layer <paramref name="layer"/> at step <paramref name="step"/> (0 the initial state), [rows, H]; empty for cells without one.</summary>
    public virtual Span<T> CellState(int layer, int step) => [];

    /// <summary>Sets the current chunk's windows and steps; the buffers must already hold them (<see cref="Allocate"/>).</summary>
    public void SetChunk(int rows, int steps)
    {
        Rows = rows;
        Steps = steps;
    }

    /// <summary>Grows the buffers to <paramref name="rows"/> windows and <paramref name="stepRows"/> window steps.</summary>
    public virtual void Allocate(int rows, int stepRows)
    {
        Dh = new T[rows * H];
        _gateGrad = new T[stepRows * GH];
    }

    /// <summary>
    /// Runs unit <paramref name="layer"/> over all steps from <paramref name="input"/> ([steps · rows, in]), reading the
    /// initial h from <paramref name="hidden"/>'s first block and writing h of steps 1..T after it ([T + 1, rows, H]).
    /// The input projections of all steps are one product; each step then adds its recurrent product.
    /// </summary>
    public void Forward(IRecurrentWeights<T> network, int layer, ReadOnlySpan<T> input, Span<T> hidden)
    {
        int stepRows = Steps * Rows;
        int inputSize = Shape.UnitInputSize(layer);
        var preActivations = PreActivations(layer, 0, hidden, Steps);
        MatrixKernels.FillRows(preActivations, network.StepBias(layer), stepRows);
        MatrixKernels.Multiply(input, inputSize, 1, network.InputWeightsT(layer), preActivations, stepRows, inputSize, GH, accumulate: true);
        for (int t = 0; t < Steps; t++)
        {
            Recur(network, layer, t, hidden);
        }
    }

    /// <summary>
    /// Runs step <paramref name="step"/> of unit <paramref name="layer"/> alone from its input <paramref name="input"/>
    /// ([rows, in]), reading h of step t from <paramref name="hidden"/> ([T + 1, rows, H]) and writing h of step t + 1:
    /// for a decoder, whose next input is known only after this step's output.
    /// </summary>
    public void ForwardStep(IRecurrentWeights<T> network, int layer, int step, ReadOnlySpan<T> input, Span<T> hidden)
    {
        int inputSize = Shape.UnitInputSize(layer);
        var preActivations = PreActivations(layer, step, hidden, 1);
        MatrixKernels.FillRows(preActivations, network.StepBias(layer), Rows);
        MatrixKernels.Multiply(input, inputSize, 1, network.InputWeightsT(layer), preActivations, Rows, inputSize, GH, accumulate: true);
        Recur(network, layer, step, hidden);
    }

    /// <summary>Back through time from the last step with no gradient arriving from after it (see <see cref="BackwardStep"/>).</summary>
    public void Backward(IRecurrentWeights<T> network, int layer, ReadOnlySpan<T> outGrad, ReadOnlySpan<T> hidden)
    {
        BeginBackward([], []);
        int block = Rows * H;
        for (int t = Steps - 1; t >= 0; t--)
        {
            BackwardStep(network, layer, t, outGrad.Slice(t * block, block), hidden);
        }
    }

    /// <summary>
    /// Starts a backward pass: the carried d(loss)/dh and d(loss)/dc after the last step are <paramref name="hidden"/> and
    /// <paramref name="cell"/> ([rows, H]; empty for zero), e.g. the gradient of a decoder's initial state for its encoder.
    /// </summary>
    public virtual void BeginBackward(ReadOnlySpan<T> hidden, ReadOnlySpan<T> cell)
    {
        var dh = Dh.AsSpan(0, Rows * H);
        if (hidden.IsEmpty)
        {
            dh.Clear();
        }
        else
        {
            hidden.CopyTo(dh);
        }
    }

    /// <summary>
    /// One step back: from d(loss)/dh of step <paramref name="step"/> from above (<paramref name="outGrad"/>, [rows, H])
    /// plus the carried gradient, writes the step's gate gradients (its block of <see cref="InputGateGradient"/> and
    /// <see cref="RecurrentGateGradient"/>) and carries d(loss)/dh (and dc) back to the step before.
    /// </summary>
    public abstract void BackwardStep(IRecurrentWeights<T> network, int layer, int step, ReadOnlySpan<T> outGrad, ReadOnlySpan<T> hidden);

    /// <summary>
    /// Adds the weight and bias gradients of the last backward pass over all its steps: dW_ih += dGᵀ · input,
    /// dW_hh += dG_hᵀ · h(steps 0..T − 1), db_ih and db_hh += the column sums, given the unit's <paramref name="input"/>
    /// ([steps · rows, in]) and <paramref name="hidden"/> ([T + 1, rows, H]).
    /// </summary>
    public void AddWeightGradients(ReadOnlySpan<T> input, ReadOnlySpan<T> hidden, int inputSize, Span<T> weightIh, Span<T> weightHh, Span<T> biasIh, Span<T> biasHh)
    {
        int stepRows = Steps * Rows;
        var gateGrad = InputGateGradient;
        var recurrentGrad = RecurrentGateGradient;
        MatrixKernels.Multiply(gateGrad, 1, GH, input, weightIh, GH, stepRows, inputSize, accumulate: true);
        MatrixKernels.Multiply(recurrentGrad, 1, GH, hidden, weightHh, GH, stepRows, H, accumulate: true);
        AddColumnSums(gateGrad, biasIh, stepRows, GH);
        AddColumnSums(recurrentGrad, biasHh, stepRows, GH);
    }

    /// <summary>Adds the <paramref name="rows"/> rows of <paramref name="matrix"/> ([rows, cols]) into <paramref name="sums"/>.</summary>
    public static void AddColumnSums(ReadOnlySpan<T> matrix, Span<T> sums, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums, matrix.Slice(r * cols, cols), sums);
        }
    }

    /// <summary>The pre-activation block of <paramref name="count"/> steps from <paramref name="step"/>, [count · rows, G·H], that the input projection fills.</summary>
    protected abstract Span<T> PreActivations(int layer, int step, Span<T> hidden, int count);

    /// <summary>Step <paramref name="step"/>'s recurrent part: adds h(t) · W_hhᵀ to its pre-activations, then the cell's arithmetic to h(t + 1).</summary>
    protected abstract void Recur(IRecurrentWeights<T> network, int layer, int step, Span<T> hidden);
}
