using EdgeRnn.Training.Training.Engine.Cells;
using System.Numerics.Tensors;
using System.Numerics;

namespace EdgeRnn.Training.Training.Engine;

/// <summary>
/// Runs a chunk of consecutive windows of a batch forward, keeping every activation, and back through time, adding the
/// chunk's gradient into a caller's buffer. Buffers are step-major ([steps, rows, width]) so each step is one contiguous
/// block for the batch-major products; they grow to the largest chunk seen and are then reused. The cell kind's own part
/// (its forward and backward arithmetic and buffers) is a <see cref="CellGradient{T}"/> chosen when the worker is built.
/// </summary>
internal sealed partial class BpttWorker<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NetworkShape _shape;
    private readonly CellGradient<T> _cell;
    private readonly LayerBuffers[] _layers;
    private int _rows;
    private int _steps;
    private int _capacity = -1;
    private int _capacityRows = -1;
    private T[] _input = [];
    private T[] _outGradA = [];
    private T[] _outGradB = [];
    private T[] _output = [];
    private T[] _outputGrad = [];

    public BpttWorker(NetworkShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _shape = shape;
        _cell = CellGradient<T>.Create(shape);
        _layers = new LayerBuffers[shape.Layers];
        for (int l = 0; l < shape.Layers; l++)
        {
            _layers[l] = new LayerBuffers();
        }
    }

    private int H => _shape.HiddenSize;

    private int GH => _shape.GateWidth;

    private bool LastStepOnly { get; set; }

    /// <summary>The head's outputs of the last run: [steps, rows, out], or [rows, out] for the last-step loss.</summary>
    public ReadOnlySpan<T> Outputs => _output.AsSpan(0, (LastStepOnly ? 1 : _steps) * _rows * _shape.OutputSize);

    /// <summary>The inverted-dropout multipliers the last run applied to layer <paramref name="layer"/>'s outputs, [steps, rows, H].</summary>
    public ReadOnlySpan<T> DropoutMask(int layer) => _layers[layer].Mask.AsSpan(0, _steps * _rows * H);

    /// <summary>
    /// Runs windows [<paramref name="row0"/>, row0 + <paramref name="rows"/>) of <paramref name="batch"/>; returns their share of
    /// the batch loss (their loss terms divided by <paramref name="lossTerms"/>, the batch's count). When
    /// <paramref name="gradient"/> is given, adds d(loss)/d(parameters) into it; when <paramref name="finalStates"/> is given,
    /// writes the chunk's states after the last step into it.
    /// </summary>
    public double Run(
        SequenceNetwork<T> network,
        SequenceBatch<T> batch,
        int row0,
        int rows,
        in BpttOptions options,
        int lossTerms,
        T[]? gradient,
        RecurrentStates<T>? finalStates,
        ulong chunkIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(batch);
        LastStepOnly = options.Loss == LossKind.CrossEntropyLastStep;
        EnsureCapacity(rows, batch.Steps);
        LoadInputs(batch.Inputs.Span, row0);
        var random = new DeterministicRandom(options.DropoutSeed, chunkIndex + 1);
        bool dropout = options.DropoutRate > 0;
        for (int l = 0; l < _shape.Layers; l++)
        {
            LoadInitialState(l, batch.InitialStates, row0);
            _cell.Forward(network, l, LayerInput(l), _layers[l].Hidden);
            if (dropout && l < _shape.Layers - 1)
            {
                ApplyDropout(l, options.DropoutRate, ref random);
            }
        }

        ForwardHead(network);
        double loss = Loss(batch, row0, options, lossTerms);
        if (finalStates is not null)
        {
            StoreFinalStates(finalStates, row0);
        }

        if (gradient is not null)
        {
            Backward(network, gradient, dropout);
        }

        return loss;
    }

    private void Backward(SequenceNetwork<T> network, T[] gradient, bool dropout)
    {
        var layout = network.Layout;
        var outGrad = _outGradA;
        var inGrad = _outGradB;
        BackwardHead(network, gradient, outGrad);
        for (int l = _shape.Layers - 1; l >= 0; l--)
        {
            int stepRows = _steps * _rows;
            _cell.Backward(network, l, outGrad.AsSpan(0, stepRows * H), _layers[l].Hidden);
            var gateGrad = _cell.InputGateGradient;
            var recurrentGrad = _cell.RecurrentGateGradient;
            int inputs = _shape.LayerInputSize(l);
            MatrixKernels.Multiply(gateGrad, 1, GH, LayerInput(l), layout.WeightIh(l).Of(gradient), GH, stepRows, inputs, accumulate: true);
            MatrixKernels.Multiply(recurrentGrad, 1, GH, _layers[l].Hidden, layout.WeightHh(l).Of(gradient), GH, stepRows, H, accumulate: true);
            AddColumnSums(gateGrad, layout.BiasIh(l).Of(gradient), stepRows, GH);
            AddColumnSums(recurrentGrad, layout.BiasHh(l).Of(gradient), stepRows, GH);
            if (l > 0)
            {
                var below = inGrad.AsSpan(0, stepRows * H);
                MatrixKernels.Multiply(gateGrad, GH, 1, network.Tensor(layout.WeightIh(l)), below, stepRows, GH, H, accumulate: false);
                if (dropout)
                {
                    TensorPrimitives.Multiply(below, _layers[l - 1].Mask.AsSpan(0, below.Length), below);
                }

                (outGrad, inGrad) = (inGrad, outGrad);
            }
        }
    }

    /// <summary>The input of layer <paramref name="layer"/> over all steps, [steps · rows, in].</summary>
    private ReadOnlySpan<T> LayerInput(int layer)
    {
        if (layer == 0)
        {
            return _input.AsSpan(0, _steps * _rows * _shape.InputSize);
        }

        var below = _layers[layer - 1];
        return below.HasDropout ? below.Dropped.AsSpan(0, _steps * _rows * H) : below.Outputs(_rows, _steps, H);
    }

    private void LoadInputs(ReadOnlySpan<T> inputs, int row0)
    {
        int width = _shape.InputSize;
        if (inputs.Length < (row0 + _rows) * _steps * width)
        {
            throw new ArgumentException($"Expected at least {(row0 + _rows) * _steps * width} input values; found {inputs.Length}.", nameof(inputs));
        }

        for (int b = 0; b < _rows; b++)
        {
            for (int t = 0; t < _steps; t++)
            {
                inputs.Slice((((row0 + b) * _steps) + t) * width, width).CopyTo(_input.AsSpan(((t * _rows) + b) * width, width));
            }
        }
    }

    private void LoadInitialState(int layer, RecurrentStates<T>? states, int row0)
    {
        var buffers = _layers[layer];
        buffers.HasDropout = false;
        var h0 = buffers.Hidden.AsSpan(0, _rows * H);
        var c0 = _cell.CellState(layer, 0);
        if (states is null)
        {
            h0.Clear();
            c0.Clear();
            return;
        }

        int offset = ((layer * states.Count) + row0) * H;
        states.Hidden.AsSpan(offset, _rows * H).CopyTo(h0);
        if (!c0.IsEmpty)
        {
            states.Cell.AsSpan(offset, _rows * H).CopyTo(c0);
        }
    }

    private void StoreFinalStates(RecurrentStates<T> states, int row0)
    {
        for (int l = 0; l < _shape.Layers; l++)
        {
            int offset = ((l * states.Count) + row0) * H;
            _layers[l].Hidden.AsSpan(_steps * _rows * H, _rows * H).CopyTo(states.Hidden.AsSpan(offset));
            var c = _cell.CellState(l, _steps);
            if (!c.IsEmpty)
            {
                c.CopyTo(states.Cell.AsSpan(offset));
            }
        }
    }

    private void ApplyDropout(int layer, double rate, ref DeterministicRandom random)
    {
        var buffers = _layers[layer];
        buffers.HasDropout = true;
        int count = _steps * _rows * H;
        var keepScale = T.CreateChecked(1.0 / (1.0 - rate));
        var mask = buffers.Mask.AsSpan(0, count);
        for (int i = 0; i < count; i++)
        {
            mask[i] = random.NextDouble() < rate ? T.Zero : keepScale;
        }

        TensorPrimitives.Multiply(buffers.Outputs(_rows, _steps, H), mask, buffers.Dropped.AsSpan(0, count));
    }

    private static void AddColumnSums(ReadOnlySpan<T> matrix, Span<T> sums, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums, matrix.Slice(r * cols, cols), sums);
        }
    }
}
