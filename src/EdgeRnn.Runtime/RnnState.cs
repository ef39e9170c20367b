using EdgeRnn.Runtime.Cells;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime;

/// <summary>
/// The recurrent state of one stream (h, and c for LSTM layers, plus the last valid input), preallocated for one model,
/// with the scratch its steps need: once created, stepping allocates nothing. Not thread-safe: one stream, one thread at a
/// time. Many states share one <see cref="RnnModel"/>.
/// </summary>
/// <remarks>
/// Per step: z = (x − mean) / std per channel (a non-finite x is replaced by that channel's last finite value, or the
/// mean before any; z is clamped to ±<see cref="ChannelNormalization.InputClamp"/>), then each layer in PyTorch's form, then
/// y = std_out ⊙ (W h + b) + mean_out. No NaN or infinity can enter h or c.
/// </remarks>
public sealed partial class RnnState
{
    private readonly float[][] _hidden;
    private readonly float[][] _cell;
    private readonly float[] _lastInput;
    private readonly float[] _normalized;
    private readonly float[] _pre;
    private readonly float[] _work;
    private readonly float[] _headOut;
    private readonly sbyte[] _quantized;

    /// <summary>Flips every step: the weight blocks are walked in alternating order, so each step starts where the last one left the caches.</summary>
    private bool _descending;

    internal RnnState(RnnModel model)
    {
        model.ThrowIfNotSteppable("step a stream");

        Model = model;
        var layers = model.Layers;
        _hidden = layers.Select(l => new float[l.HiddenSize]).ToArray();
        _cell = layers.Select(l => new float[l.Kind.HasCellState() ? l.HiddenSize : 0]).ToArray();
        _lastInput = new float[model.InputSize];
        _normalized = new float[model.InputSize];
        _pre = new float[layers.Max(l => l.GateRows)];
        _work = new float[layers.Max(l => l.WorkLength)];
        _headOut = new float[model.Head.PaddedRows];
        _quantized = new sbyte[Math.Max(layers.Max(l => l.QuantizedLength), model.Head.QuantizedLength) + 4];
        Reset();
    }

    /// <summary>The model this state belongs to.</summary>
    public RnnModel Model { get; }

    /// <summary>Steps the stream once.</summary>
    /// <param name="input">One raw sample, <see cref="RnnModel.InputSize"/> values (non-finite values are held, see remarks).</param>
    /// <param name="output">Receives <see cref="RnnModel.OutputSize"/> outputs.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Step(ReadOnlySpan<float> input, Span<float> output)
    {
        // The compiled sizes: the definition's own are computed through its layer list.
        if (input.Length != _normalized.Length)
        {
            ThrowHelper.ThrowLength(nameof(input), _normalized.Length, input.Length);
        }

        if (output.Length != Model.Head.OutputSize)
        {
            ThrowHelper.ThrowLength(nameof(output), Model.Head.OutputSize, output.Length);
        }

        Normalize(input, _normalized);
        _descending = !_descending;
        var layers = Model.Layers;
        int last = layers.Length - 1;
        for (int k = 0; k < last; k++)
        {
            StepLayer(k, k == 0 ? _normalized : _hidden[k - 1]);
        }

        var head = Model.Head;
        var below = last == 0 ? _normalized : _hidden[last - 1];
        if (Model.FusedHead is { } row)
        {
            // The head is computed inside the last layer's kernel (the same numbers as the two calls below).
            var layer = layers[last];
            layer.StepThenDot(below, _pre.AsSpan(0, layer.GateRows), _hidden[last], _cell[last], row, output);
            return;
        }

        StepLayer(last, below);
        head.Apply(_hidden[last], _headOut, output, _quantized);
    }

    /// <summary>Sets h and c to zero and forgets the last input (non-finite inputs then fall back to the mean).</summary>
    public void Reset()
    {
        foreach (var h in _hidden)
        {
            Array.Clear(h);
        }

        foreach (var c in _cell)
        {
            Array.Clear(c);
        }

        Model.InputMean.CopyTo(_lastInput, 0);
    }

    /// <summary>The hidden state h of a layer.</summary>
    /// <param name="layer">Layer index, 0-based.</param>
    /// <returns>H values, live (they change with the next step).</returns>
    public ReadOnlySpan<float> Hidden(int layer) => _hidden[layer];

    /// <summary>The cell state c of a layer; empty for layers other than LSTM.</summary>
    /// <param name="layer">Layer index, 0-based.</param>
    /// <returns>H values for an LSTM layer, live.</returns>
    public ReadOnlySpan<float> Cell(int layer) => _cell[layer];

    internal void Normalize(ReadOnlySpan<float> input, Span<float> normalized) =>
        InputNormalizer.Normalize(input, _lastInput, Model.InputMean, Model.InputStd, normalized);

    internal void StepLayer(int k, ReadOnlySpan<float> input)
    {
        var layer = Model.Layers[k];
        layer.Step(input, _pre.AsSpan(0, layer.GateRows), _hidden[k], _cell[k], _work, _quantized, _descending);
    }

    internal void StepLayerProjected(int k, Span<float> pre) => Model.Layers[k].Recur(pre, _hidden[k], _cell[k], _work, _quantized, _descending);

}
