using EdgeRnn.Runtime.Cells;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime;

/// <summary>
/// N independent streams of one model stepped together (many sensors on one board). The streams' states lie in
/// contiguous planes and every weight matrix is applied to all streams in one kernel call, each weight load serving
/// several streams. Gives the same numbers as N separate <see cref="RnnState.Step"/> calls. Allocates nothing per step.
/// Not thread-safe.
/// </summary>
public sealed class RnnBatch
{
    private readonly float[][] _hidden;
    private readonly float[][] _cell;
    private readonly float[] _lastInput;
    private readonly float[] _normalized;

    /// <summary>The model's input mean and std repeated once per stream, so one pass normalises every stream.</summary>
    private readonly float[] _meanPlane;
    private readonly float[] _stdPlane;
    private readonly float[] _pre;
    private readonly float[] _recurrent;
    private readonly float[] _headOut;
    private readonly sbyte[] _quantized;
    private readonly float[] _scales;

    internal RnnBatch(RnnModel model, int streams)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(streams, 1);
        model.ThrowIfNotSteppable("step a batch of streams");
        Model = model;
        Streams = streams;
        var layers = model.Layers;
        _hidden = layers.Select(l => new float[streams * l.HiddenSize]).ToArray();
        _cell = layers.Select(l => new float[l.Kind.HasCellState() ? streams * l.HiddenSize : 0]).ToArray();
        _lastInput = new float[streams * model.InputSize];
        _normalized = new float[streams * model.InputSize];
        _meanPlane = new float[streams * model.InputSize];
        _stdPlane = new float[streams * model.InputSize];
        for (int s = 0; s < streams; s++)
        {
            model.InputMean.CopyTo(_meanPlane, s * model.InputSize);
            model.InputStd.CopyTo(_stdPlane, s * model.InputSize);
        }

        int gateRows = layers.Max(l => l.GateRows);
        _pre = new float[streams * gateRows];
        _recurrent = new float[streams * gateRows];
        _headOut = new float[streams * model.Head.PaddedRows];
        _quantized = new sbyte[(streams * Math.Max(layers.Max(l => l.QuantizedLength), model.Head.QuantizedLength)) + 4];
        _scales = new float[streams];
        Reset();
    }

    /// <summary>The model.</summary>
    public RnnModel Model { get; }

    /// <summary>The number of streams.</summary>
    public int Streams { get; }

    /// <summary>Steps every stream once.</summary>
    /// <param name="inputs"><see cref="Streams"/> × <see cref="RnnModel.InputSize"/> raw samples, stream-major.</param>
    /// <param name="outputs">Receives <see cref="Streams"/> × <see cref="RnnModel.OutputSize"/> outputs, stream-major.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Step(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int inputSize = _normalized.Length / Streams;
        if (inputs.Length != Streams * inputSize)
        {
            ThrowHelper.ThrowLength(nameof(inputs), Streams * inputSize, inputs.Length);
        }

        if (outputs.Length != Streams * Model.Head.OutputSize)
        {
            ThrowHelper.ThrowLength(nameof(outputs), Streams * Model.Head.OutputSize, outputs.Length);
        }

        InputNormalizer.Normalize(inputs, _lastInput, _meanPlane, _stdPlane, _normalized);
        var layers = Model.Layers;
        for (int k = 0; k < layers.Length; k++)
        {
            layers[k].StepMany(k == 0 ? _normalized : _hidden[k - 1], _hidden[k], _cell[k], _pre, _recurrent, _quantized, _scales, Streams);
        }

        Model.Head.ApplyMany(_hidden[^1], _headOut, outputs, _quantized, _scales, Streams);
    }

    /// <summary>The hidden state h of one layer of one stream.</summary>
    /// <param name="stream">Stream index, 0-based.</param>
    /// <param name="layer">Layer index, 0-based.</param>
    /// <returns>H values, live.</returns>
    public ReadOnlySpan<float> Hidden(int stream, int layer)
    {
        int n = Model.Layers[layer].HiddenSize;
        return _hidden[layer].AsSpan(CheckStream(stream) * n, n);
    }

    /// <summary>The cell state c of one LSTM layer of one stream; empty for other layers.</summary>
    /// <param name="stream">Stream index, 0-based.</param>
    /// <param name="layer">Layer index, 0-based.</param>
    /// <returns>H values for an LSTM layer, live.</returns>
    public ReadOnlySpan<float> Cell(int stream, int layer)
    {
        int n = _cell[layer].Length / Streams;
        return _cell[layer].AsSpan(CheckStream(stream) * n, n);
    }

    /// <summary>Resets every stream.</summary>
    public void Reset()
    {
        for (int s = 0; s < Streams; s++)
        {
            Reset(s);
        }
    }

    /// <summary>Resets one stream (h and c to zero, last input to the mean).</summary>
    /// <param name="stream">Stream index, 0-based.</param>
    public void Reset(int stream)
    {
        CheckStream(stream);
        for (int k = 0; k < _hidden.Length; k++)
        {
            int n = Model.Layers[k].HiddenSize;
            _hidden[k].AsSpan(stream * n, n).Clear();
            _cell[k].AsSpan(stream * (_cell[k].Length / Streams), _cell[k].Length / Streams).Clear();
        }

        Model.InputMean.CopyTo(_lastInput.AsSpan(stream * Model.InputSize, Model.InputSize));
    }

    private int CheckStream(int stream)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stream);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(stream, Streams);
        return stream;
    }
}
