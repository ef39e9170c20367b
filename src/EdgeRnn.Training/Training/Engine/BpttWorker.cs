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
    private T[] _splitGrad = [];
    private T[] _reverseBelow = [];

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

    /// <summary>The width of a layer's output per step: H, or 2H when bidirectional.</summary>
    private int W => _shape.LayerOutputSize;

    private bool LastStepOnly { get; set; }

    /// <summary>The head's outputs of the last run: [steps, rows, out], or [rows, out] for the last-step loss.</summary>
    public ReadOnlySpan<T> Outputs => _output.AsSpan(0, (LastStepOnly ? 1 : _steps) * _rows * _shape.OutputSize);

    /// <summary>The inverted-dropout multipliers the last run applied to layer <paramref name="layer"/>'s outputs, [steps, rows, W].</summary>
    public ReadOnlySpan<T> DropoutMask(int layer) => _layers[layer].Mask.AsSpan(0, _steps * _rows * W);

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
        if (_shape.Bidirectional && (batch.InitialStates is not null || finalStates is not null))
        {
            throw new NotSupportedException("A bidirectional network reads each window from both ends: it cannot carry its state from one window to the next.");
        }

        LastStepOnly = options.Loss == LossKind.CrossEntropyLastStep;
        EnsureCapacity(rows, batch.Steps);
        LoadInputs(network, batch.Inputs.Span, row0);
        var random = new DeterministicRandom(options.DropoutSeed, chunkIndex + 1);
        bool dropout = options.DropoutRate > 0;
        for (int l = 0; l < _shape.Layers; l++)
        {
            LoadInitialState(l, batch.InitialStates, row0);
            _cell.Forward(network, l * _shape.Directions, LayerInput(l), _layers[l].Hidden);
            if (_shape.Bidirectional)
            {
                ForwardReverse(network, l);
            }

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
            int inputs = _shape.LayerInputSize(l);
            int unit = l * _shape.Directions;
            var forwardGrad = outGrad.AsSpan(0, stepRows * H);
            if (_shape.Bidirectional)
            {
                forwardGrad = _splitGrad.AsSpan(0, stepRows * H);
                SplitOutputGradient(outGrad, forwardGrad, reverse: false);
            }

            BackwardUnit(network, gradient, unit, forwardGrad, _layers[l].Hidden, LayerInput(l));
            bool inputGradient = l > 0 || _shape.HasEmbedding;
            var below = inputGradient ? inGrad.AsSpan(0, stepRows * inputs) : default;
            if (inputGradient)
            {
                MatrixKernels.Multiply(_cell.InputGateGradient, GH, 1, network.Tensor(layout.WeightIh(unit)), below, stepRows, GH, inputs, accumulate: false);
            }

            if (_shape.Bidirectional)
            {
                var reverseGrad = _splitGrad.AsSpan(0, stepRows * H);
                SplitOutputGradient(outGrad, reverseGrad, reverse: true);
                var buffers = _layers[l];
                BackwardUnit(network, gradient, unit + 1, reverseGrad, buffers.ReverseHidden, buffers.ReversedInput.AsSpan(0, stepRows * inputs));
                if (l > 0)
                {
                    var reversedBelow = _reverseBelow.AsSpan(0, stepRows * inputs);
                    MatrixKernels.Multiply(_cell.InputGateGradient, GH, 1, network.Tensor(layout.WeightIh(unit + 1)), reversedBelow, stepRows, GH, inputs, accumulate: false);
                    int block = _rows * inputs;
                    for (int t = 0; t < _steps; t++)
                    {
                        var step = below.Slice(t * block, block);
                        TensorPrimitives.Add(step, reversedBelow.Slice((_steps - 1 - t) * block, block), step);
                    }
                }
            }

            if (l == 0 && _shape.HasEmbedding)
            {
                ScatterEmbeddingGradient(below, layout.Embedding.Of(gradient));
            }

            if (l > 0)
            {
                if (dropout)
                {
                    TensorPrimitives.Multiply(below, _layers[l - 1].Mask.AsSpan(0, below.Length), below);
                }

                (outGrad, inGrad) = (inGrad, outGrad);
            }
        }
    }

    /// <summary>One unit's backward pass: its gate gradients from d(loss)/dh, then its weight and bias gradients.</summary>
    private void BackwardUnit(SequenceNetwork<T> network, T[] gradient, int unit, ReadOnlySpan<T> outGrad, ReadOnlySpan<T> hidden, ReadOnlySpan<T> input)
    {
        var layout = network.Layout;
        _cell.Backward(network, unit, outGrad, hidden);
        _cell.AddWeightGradients(
            input, hidden, _shape.UnitInputSize(unit), layout.WeightIh(unit).Of(gradient), layout.WeightHh(unit).Of(gradient), layout.BiasIh(unit).Of(gradient), layout.BiasHh(unit).Of(gradient));
    }

    /// <summary>
    /// The reverse direction of layer <paramref name="layer"/>: the layer's input reversed in time, run from zero states, then
    /// the layer's output at step t = [h_forward(t), h_reverse(t)] (the reverse unit's step T − 1 − t).
    /// </summary>
    private void ForwardReverse(SequenceNetwork<T> network, int layer)
    {
        var buffers = _layers[layer];
        int inputs = _shape.LayerInputSize(layer);
        var input = LayerInput(layer);
        int block = _rows * inputs;
        for (int t = 0; t < _steps; t++)
        {
            input.Slice(t * block, block).CopyTo(buffers.ReversedInput.AsSpan((_steps - 1 - t) * block, block));
        }

        buffers.ReverseHidden.AsSpan(0, _rows * H).Clear();
        _cell.CellState((2 * layer) + 1, 0).Clear();
        _cell.Forward(network, (2 * layer) + 1, buffers.ReversedInput.AsSpan(0, _steps * block), buffers.ReverseHidden);
        for (int t = 0; t < _steps; t++)
        {
            for (int b = 0; b < _rows; b++)
            {
                var row = buffers.Concat.AsSpan(((t * _rows) + b) * 2 * H, 2 * H);
                buffers.Hidden.AsSpan((((t + 1) * _rows) + b) * H, H).CopyTo(row);
                buffers.ReverseHidden.AsSpan((((_steps - t) * _rows) + b) * H, H).CopyTo(row[H..]);
            }
        }
    }

    /// <summary>d(loss)/dh of one direction, [steps · rows, H], from d(loss)/d(layer output) [steps · rows, 2H]; the reverse direction's in its own (reversed) step order.</summary>
    private void SplitOutputGradient(ReadOnlySpan<T> outGrad, Span<T> split, bool reverse)
    {
        for (int t = 0; t < _steps; t++)
        {
            int source = reverse ? _steps - 1 - t : t;
            for (int b = 0; b < _rows; b++)
            {
                outGrad.Slice((((source * _rows) + b) * 2 * H) + (reverse ? H : 0), H).CopyTo(split.Slice(((t * _rows) + b) * H, H));
            }
        }
    }

    /// <summary>The input of layer <paramref name="layer"/> over all steps, [steps · rows, in].</summary>
    private ReadOnlySpan<T> LayerInput(int layer)
    {
        if (layer == 0)
        {
            return _input.AsSpan(0, _steps * _rows * _shape.LayerInputSize(0));
        }

        var below = _layers[layer - 1];
        return below.HasDropout ? below.Dropped.AsSpan(0, _steps * _rows * W) : below.Outputs(_rows, _steps, H);
    }

    private void LoadInputs(SequenceNetwork<T> network, ReadOnlySpan<T> inputs, int row0)
    {
        int width = _shape.InputSize;
        if (inputs.Length < (row0 + _rows) * _steps * width)
        {
            throw new ArgumentException($"Expected at least {(row0 + _rows) * _steps * width} input values; found {inputs.Length}.", nameof(inputs));
        }

        if (_shape.HasEmbedding)
        {
            LoadTokens(network, inputs, row0);
            return;
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
        var c0 = _cell.CellState(layer * _shape.Directions, 0);
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
        int count = _steps * _rows * W;
        var keepScale = T.CreateChecked(1.0 / (1.0 - rate));
        var mask = buffers.Mask.AsSpan(0, count);
        for (int i = 0; i < count; i++)
        {
            mask[i] = random.NextDouble() < rate ? T.Zero : keepScale;
        }

        TensorPrimitives.Multiply(buffers.Outputs(_rows, _steps, H), mask, buffers.Dropped.AsSpan(0, count));
    }
}
