using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training.Engine.Cells;
using System.Numerics;

namespace EdgeRnn.Training.Training.Engine.Sequence2Sequence;

/// <summary>
/// Runs a chunk of windows of an encoder–decoder batch forward and, when asked, back through the decoder, the attention
/// and the encoder (tools/golden_seq2seq.py is the model). The encoder runs like a sequence network (one input product
/// for all steps); the decoder runs one step at a time, all layers per step, because each step reads the previous
/// output; the backward pass walks the decoder steps back (an output fed back gets the gradient of the step that read
/// it), then the encoder from the decoder's initial-state gradient. Weight gradients are batch-major products over all
/// steps at the end. Buffers are step-major ([steps, rows, width]), grown to the largest chunk seen.
/// </summary>
internal sealed partial class Seq2SeqWorker<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Seq2SeqShape _shape;
    private readonly CellGradient<T>[] _encoderCells;
    private readonly CellGradient<T>[] _decoderCells;
    private readonly T[][] _encoderHidden;
    private readonly T[][] _decoderHidden;
    private int _rows;
    private int _steps;
    private int _capacityRows;
    private int _capacitySteps;

    public Seq2SeqWorker(Seq2SeqShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _shape = shape;
        _encoderCells = new CellGradient<T>[shape.Layers];
        _decoderCells = new CellGradient<T>[shape.Layers];
        _encoderHidden = new T[shape.Layers][];
        _decoderHidden = new T[shape.Layers][];
        for (int l = 0; l < shape.Layers; l++)
        {
            _encoderCells[l] = CellGradient<T>.Create(Seq2SeqShape.LayerOf(shape.Encoder, l));
            _decoderCells[l] = CellGradient<T>.Create(Seq2SeqShape.LayerOf(shape.Decoder, l));
        }
    }

    private int H => _shape.HiddenSize;

    private int O => _shape.OutputSize;

    private int N => _shape.Horizon;

    /// <summary>The outputs of the last run, [horizon, rows, out].</summary>
    public ReadOnlySpan<T> Outputs => _y.AsSpan(0, N * _rows * O);

    /// <summary>
    /// Runs windows [<paramref name="row0"/>, row0 + <paramref name="rows"/>) of <paramref name="batch"/>; returns their
    /// share of the batch's mean squared error (their squared errors divided by <paramref name="lossTerms"/>). When
    /// <paramref name="gradient"/> is given, adds d(loss)/d(parameters) into it (in <see cref="Seq2SeqLayout"/>'s order).
    /// </summary>
    public double Run(Seq2SeqNetwork<T> network, Seq2SeqBatch<T> batch, int row0, int rows, int lossTerms, T[]? gradient)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(batch);
        if (network.Shape != _shape)
        {
            throw new ArgumentException($"Expected a network of {_shape}; found {network.Shape}.", nameof(network));
        }

        CheckBatch(batch, row0, rows);
        EnsureCapacity(rows, batch.Steps);
        LoadInputs(batch.Inputs.Span, row0);
        ForwardEncoder(network);
        ForwardDecoder(network, batch, row0);
        double loss = Loss(batch, row0, lossTerms);
        if (gradient is not null)
        {
            if (gradient.Length != network.Layout.Count)
            {
                throw new ArgumentException($"Expected a gradient of {network.Layout.Count} values; found {gradient.Length}.", nameof(gradient));
            }

            BackwardDecoder(network, batch, row0, gradient);
            BackwardEncoder(network, gradient);
        }

        return loss;
    }

    /// <summary>The encoder's final h of layer <paramref name="layer"/> after the last run, [rows, H].</summary>
    public ReadOnlySpan<T> EncoderFinalHidden(int layer) => _encoderHidden[layer].AsSpan(_steps * _rows * H, _rows * H);

    /// <summary>The encoder's final c of layer <paramref name="layer"/> after the last run, [rows, H]; empty for the GRU.</summary>
    public ReadOnlySpan<T> EncoderFinalCell(int layer) => _encoderCells[layer].CellState(0, _steps);

    private void CheckBatch(Seq2SeqBatch<T> batch, int row0, int rows)
    {
        int count = batch.Count;
        if (row0 < 0 || rows < 1 || row0 + rows > count)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"Expected windows [{row0}, {row0 + rows}) inside a batch of {count}.");
        }

        void Check(int found, int expected, string what)
        {
            if (found < expected)
            {
                throw new ArgumentException($"Expected at least {expected} {what}; found {found}.", nameof(batch));
            }
        }

        Check(batch.Inputs.Length, count * batch.Steps * _shape.InputSize, "input values ([count, steps, inputs])");
        Check(batch.Starts.Length, count * O, "start values ([count, outputs])");
        Check(batch.Targets.Length, count * N * O, "target values ([count, horizon, outputs])");
        if (!batch.Teacher.IsEmpty)
        {
            Check(batch.Teacher.Length, count * N, "teacher flags ([count, horizon])");
        }
    }

    private void LoadInputs(ReadOnlySpan<T> inputs, int row0)
    {
        int width = _shape.InputSize;
        for (int b = 0; b < _rows; b++)
        {
            for (int t = 0; t < _steps; t++)
            {
                inputs.Slice((((row0 + b) * _steps) + t) * width, width).CopyTo(_input.AsSpan(((t * _rows) + b) * width, width));
            }
        }
    }

    /// <summary>Every encoder layer over all steps from zero states, as a sequence network runs them.</summary>
    private void ForwardEncoder(Seq2SeqNetwork<T> network)
    {
        int block = _rows * H;
        for (int l = 0; l < _shape.Layers; l++)
        {
            _encoderHidden[l].AsSpan(0, block).Clear();
            _encoderCells[l].CellState(0, 0).Clear();
            _encoderCells[l].Forward(network.Encoder(l), 0, EncoderInput(l), _encoderHidden[l]);
        }

        if (_shape.Attention == AttentionKind.Additive)
        {
            int a = _shape.AttentionSize;
            MatrixKernels.Multiply(Memory, H, 1, network.MemoryT, _keys.AsSpan(0, _steps * _rows * a), _steps * _rows, H, a, accumulate: false);
        }
    }

    /// <summary>Back through every encoder layer from the top: the attention's gradient on its outputs, the decoder's on its final states.</summary>
    private void BackwardEncoder(Seq2SeqNetwork<T> network, T[] gradient)
    {
        int block = _rows * H;
        int stepRows = _steps * _rows;
        var outGrad = _encoderGradA;
        var below = _encoderGradB;
        if (_shape.Attention == AttentionKind.None)
        {
            outGrad.AsSpan(0, stepRows * H).Clear();
        }
        else
        {
            _memoryGrad.AsSpan(0, stepRows * H).CopyTo(outGrad);
        }

        var layout = network.Layout;
        for (int l = _shape.Layers - 1; l >= 0; l--)
        {
            var cell = _encoderCells[l];
            var weights = network.Encoder(l);
            cell.BeginBackward(_decoderCells[l].CarriedHidden, _decoderCells[l].CarriedCell);
            for (int t = _steps - 1; t >= 0; t--)
            {
                cell.BackwardStep(weights, 0, t, outGrad.AsSpan(t * block, block), _encoderHidden[l]);
            }

            int inputs = _shape.Encoder.LayerInputSize(l);
            cell.AddWeightGradients(
                EncoderInput(l), _encoderHidden[l], inputs,
                layout.Recurrent(false, l, 0).Of(gradient), layout.Recurrent(false, l, 1).Of(gradient), layout.Recurrent(false, l, 2).Of(gradient), layout.Recurrent(false, l, 3).Of(gradient));
            if (l > 0)
            {
                int gh = _shape.Encoder.GateWidth;
                MatrixKernels.Multiply(cell.InputGateGradient, gh, 1, network.Tensor(layout.Recurrent(false, l, 0)), below.AsSpan(0, stepRows * inputs), stepRows, gh, inputs, accumulate: false);
                (outGrad, below) = (below, outGrad);
            }
        }
    }

    /// <summary>The input of encoder layer <paramref name="layer"/> over all steps, [steps · rows, in].</summary>
    private ReadOnlySpan<T> EncoderInput(int layer) =>
        layer == 0 ? _input.AsSpan(0, _steps * _rows * _shape.InputSize) : _encoderHidden[layer - 1].AsSpan(_rows * H, _steps * _rows * H);

    /// <summary>The attention's memory: the encoder's top-layer h after every step, [steps, rows, H].</summary>
    private ReadOnlySpan<T> Memory => _encoderHidden[^1].AsSpan(_rows * H, _steps * _rows * H);

    /// <summary>Squared errors of every output over the chunk, divided by <paramref name="lossTerms"/>; leaves d(loss)/dy.</summary>
    private double Loss(Seq2SeqBatch<T> batch, int row0, int lossTerms)
    {
        var targets = batch.Targets.Span;
        double scale = lossTerms > 0 ? 1.0 / lossTerms : 0;
        var factor = T.CreateChecked(2.0 * scale);
        double sum = 0;
        for (int k = 0; k < N; k++)
        {
            for (int b = 0; b < _rows; b++)
            {
                int at = ((k * _rows) + b) * O;
                int target = (((row0 + b) * N) + k) * O;
                for (int o = 0; o < O; o++)
                {
                    T difference = _y[at + o] - targets[target + o];
                    double d = double.CreateChecked(difference);
                    sum += d * d;
                    _dy[at + o] = factor * difference;
                }
            }
        }

        return sum * scale;
    }

    private void EnsureCapacity(int rows, int steps)
    {
        _rows = rows;
        _steps = steps;
        foreach (var cell in _encoderCells)
        {
            cell.SetChunk(rows, steps);
        }

        foreach (var cell in _decoderCells)
        {
            cell.SetChunk(rows, N);
        }

        if (rows <= _capacityRows && steps <= _capacitySteps)
        {
            return;
        }

        _capacityRows = Math.Max(rows, _capacityRows);
        _capacitySteps = Math.Max(steps, _capacitySteps);
        Allocate(_capacityRows, _capacitySteps);
    }
}
