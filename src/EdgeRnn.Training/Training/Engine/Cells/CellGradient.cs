using EdgeRnn.Runtime.Model;
using System.Numerics;

namespace EdgeRnn.Training.Training.Engine.Cells;

/// <summary>
/// One cell kind's part of <see cref="BpttWorker{T}"/>: the forward pass of a layer over all steps, keeping what the
/// backward pass needs, and the backward pass through time to the gate gradients. Chosen once per worker by
/// <see cref="Create"/>; it owns its kind's buffers (gates, LSTM c) for every layer, grown by <see cref="Allocate"/>.
/// </summary>
internal abstract class CellGradient<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _gateGrad = [];

    protected CellGradient(NetworkShape shape)
    {
        Shape = shape;
    }

    /// <summary>The gate gradient for W_ih and b_ih of the last <see cref="Backward"/>, [steps · rows, G·H].</summary>
    public ReadOnlySpan<T> InputGateGradient => _gateGrad.AsSpan(0, Steps * Rows * GH);

    /// <summary>The gate gradient for W_hh and b_hh of the last <see cref="Backward"/>; the input one unless the cell splits them.</summary>
    public virtual ReadOnlySpan<T> RecurrentGateGradient => InputGateGradient;

    protected NetworkShape Shape { get; }

    protected int H => Shape.HiddenSize;

    protected int GH => Shape.GateWidth;

    /// <summary>Windows in the current chunk.</summary>
    protected int Rows { get; private set; }

    /// <summary>Steps per window in the current chunk.</summary>
    protected int Steps { get; private set; }

    /// <summary>d(loss)/dh carried back to the previous step, [rows, H].</summary>
    protected T[] Dh { get; private set; } = [];

    /// <summary>The buffer behind <see cref="InputGateGradient"/>, written by <see cref="Backward"/>.</summary>
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
    /// Runs layer <paramref name="layer"/> over all steps from <paramref name="input"/> ([steps · rows, in]), reading the
    /// initial h from <paramref name="hidden"/>'s first block and writing h of steps 1..T after it ([T + 1, rows, H]).
    /// </summary>
    public abstract void Forward(SequenceNetwork<T> network, int layer, ReadOnlySpan<T> input, Span<T> hidden);

    /// <summary>
    /// Fills <paramref name="preActivations"/> ([steps · rows, gate width]) with the layer's input projections of every
    /// step at once: its bias, plus one product of <paramref name="input"/> with the input weights. Each step then adds
    /// its recurrent product.
    /// </summary>
    protected void ProjectInputs(SequenceNetwork<T> network, int layer, ReadOnlySpan<T> input, Span<T> preActivations)
    {
        int stepRows = Steps * Rows;
        int inputSize = Shape.UnitInputSize(layer);
        MatrixKernels.FillRows(preActivations, network.StepBias(layer), stepRows);
        MatrixKernels.Multiply(input, inputSize, 1, network.InputWeightsT(layer), preActivations, stepRows, inputSize, GH, accumulate: true);
    }

    /// <summary>
    /// Back through time from the last step, given d(loss)/dh of every step from above (<paramref name="outGrad"/>,
    /// [steps · rows, H]) and the layer's h of steps 0..T; leaves <see cref="InputGateGradient"/> and
    /// <see cref="RecurrentGateGradient"/>.
    /// </summary>
    public abstract void Backward(SequenceNetwork<T> network, int layer, ReadOnlySpan<T> outGrad, ReadOnlySpan<T> hidden);
}
