using EdgeRnn.Runtime.Cells;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime;

/// <summary>
/// Runs a model over whole windows of samples, each from zero states: every layer forward over the window and, for a
/// bidirectional layer, also backward from the window's last sample, its output per step being [h_forward, h_reverse].
/// Preallocated for windows of up to <see cref="MaxSteps"/> samples: once created, <see cref="Run"/> allocates nothing.
/// Not thread-safe: one window runner per thread; many share one <see cref="RnnModel"/>.
/// </summary>
/// <remarks>
/// Per sample: z = (x − mean) / std as in <see cref="RnnState"/> (a non-finite value is replaced by that channel's last
/// finite value in the window, or the mean before any), then each layer in PyTorch's form over the whole window, then
/// y = std_out ⊙ (W h + b) + mean_out at each step. A model without a bidirectional layer gives what a fresh
/// <see cref="RnnState"/> stepped over the same window gives.
/// </remarks>
public sealed class RnnWindow
{
    /// <summary>The longest window <see cref="RnnModel.CreateWindow"/> accepts.</summary>
    public const int MaxWindow = 1 << 20;

    private readonly float[][] _planes;
    private readonly int _stride;
    private readonly float[][] _hidden;
    private readonly float[][] _cell;
    private readonly float[] _lastInput;
    private readonly float[] _pre;
    private readonly float[] _work;
    private readonly float[] _headOut;
    private readonly sbyte[] _quantized;
    private bool _descending;

    internal RnnWindow(RnnModel model, int maxSteps)
    {
        if (model.Definition.IsSequenceToSequence)
        {
            throw new NotSupportedException("This model is an encoder-decoder: its outputs come from the decoder, not from the encoder's steps. Run it with RnnModel.CreateSequenceDecoder(maxWindow).Run(window, outputs).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxSteps, MaxWindow);
        Model = model;
        MaxSteps = maxSteps;
        var layers = model.Layers;
        var all = layers.Concat(model.ReverseLayers.OfType<CompiledLayer>()).ToArray();
        _stride = Math.Max(model.InputSize, model.Definition.Layers.Max(l => l.OutputSize));
        _planes = [new float[checked(maxSteps * _stride)], new float[checked(maxSteps * _stride)]];
        _hidden = new float[2 * layers.Length][];
        _cell = new float[2 * layers.Length][];
        for (int k = 0; k < layers.Length; k++)
        {
            for (int d = 0; d < 2; d++)
            {
                bool present = d == 0 || model.ReverseLayers[k] is not null;
                _hidden[(2 * k) + d] = new float[present ? layers[k].HiddenSize : 0];
                _cell[(2 * k) + d] = new float[present && layers[k].Kind.HasCellState() ? layers[k].HiddenSize : 0];
            }
        }

        _lastInput = new float[model.InputSize];
        _pre = new float[all.Max(l => l.GateRows)];
        _work = new float[all.Max(l => l.WorkLength)];
        _headOut = new float[model.Head.PaddedRows];
        _quantized = new sbyte[Math.Max(all.Max(l => l.QuantizedLength), model.Head.QuantizedLength) + 4];
    }

    /// <summary>The model this runner belongs to.</summary>
    public RnnModel Model { get; }

    /// <summary>The longest window <see cref="Run"/> takes, in samples.</summary>
    public int MaxSteps { get; }

    /// <summary>
    /// Runs one window from zero states: <paramref name="inputs"/> holds steps × <see cref="RnnModel.InputSize"/> raw
    /// samples, oldest first; <paramref name="outputs"/> receives either steps × <see cref="RnnModel.OutputSize"/> outputs
    /// (one row per sample, a Label model's reading) or <see cref="RnnModel.OutputSize"/> values, the outputs at the last
    /// sample only (a Classify model's reading).
    /// </summary>
    /// <param name="inputs">1 to <see cref="MaxSteps"/> whole samples, row-major.</param>
    /// <param name="outputs">steps × OutputSize or OutputSize values.</param>
    /// <exception cref="ArgumentException">The inputs are not 1 to <see cref="MaxSteps"/> whole samples, or the outputs have another length.</exception>
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int inputSize = Model.InputSize;
        int outputSize = Model.OutputSize;
        if (inputs.Length % inputSize != 0 || inputs.Length == 0 || inputs.Length > MaxSteps * inputSize)
        {
            ThrowHelper.ThrowMultipleLength(nameof(inputs), inputSize, inputs.Length);
        }

        int steps = inputs.Length / inputSize;
        bool lastOnly = outputs.Length == outputSize && steps > 1;
        if (!lastOnly && outputs.Length != steps * outputSize)
        {
            ThrowHelper.ThrowLength(nameof(outputs), steps * outputSize, outputs.Length);
        }

        Model.InputMean.CopyTo(_lastInput, 0);
        for (int t = 0; t < steps; t++)
        {
            InputNormalizer.Normalize(inputs.Slice(t * inputSize, inputSize), _lastInput, Model.InputMean, Model.InputStd, _planes[0].AsSpan(t * _stride, inputSize));
        }

        var layers = Model.Layers;
        for (int k = 0; k < layers.Length; k++)
        {
            float[] source = _planes[k & 1];
            float[] target = _planes[(k + 1) & 1];
            RunDirection(layers[k], k, 0, source, target, steps);
            if (Model.ReverseLayers[k] is { } reverse)
            {
                RunDirection(reverse, k, 1, source, target, steps);
            }
        }

        float[] last = _planes[layers.Length & 1];
        int width = Model.Head.InputSize;
        if (lastOnly)
        {
            Model.Head.Apply(last.AsSpan((steps - 1) * _stride, width), _headOut, outputs, _quantized);
            return;
        }

        for (int t = 0; t < steps; t++)
        {
            Model.Head.Apply(last.AsSpan(t * _stride, width), _headOut, outputs.Slice(t * outputSize, outputSize), _quantized);
        }
    }

    /// <summary>The hidden state of a layer's direction after the last <see cref="Run"/>: the forward one after the window's last sample, the reverse one after its first.</summary>
    /// <param name="layer">Layer index, 0-based.</param>
    /// <param name="reverse">The reverse direction (of a bidirectional layer; empty otherwise).</param>
    /// <returns>H values, live.</returns>
    public ReadOnlySpan<float> Hidden(int layer, bool reverse = false) => _hidden[(2 * layer) + (reverse ? 1 : 0)];

    /// <summary>The cell state of an LSTM layer's direction after the last <see cref="Run"/>; empty for other cells.</summary>
    /// <param name="layer">Layer index, 0-based.</param>
    /// <param name="reverse">The reverse direction (of a bidirectional layer; empty otherwise).</param>
    /// <returns>H values, live.</returns>
    public ReadOnlySpan<float> Cell(int layer, bool reverse = false) => _cell[(2 * layer) + (reverse ? 1 : 0)];

    /// <summary>One direction of layer k over the window: forward writes h at offset 0 of each step's output, reverse at offset H, walking back from the last step.</summary>
    private void RunDirection(CompiledLayer layer, int k, int direction, float[] source, float[] target, int steps)
    {
        float[] h = _hidden[(2 * k) + direction];
        float[] c = _cell[(2 * k) + direction];
        Array.Clear(h);
        Array.Clear(c);
        int width = layer.InputSize;
        int n = layer.HiddenSize;
        int offset = direction * n;
        var pre = _pre.AsSpan(0, layer.GateRows);
        for (int i = 0; i < steps; i++)
        {
            int t = direction == 0 ? i : steps - 1 - i;
            _descending = !_descending;
            layer.Step(source.AsSpan(t * _stride, width), pre, h, c, _work, _quantized, _descending);
            h.CopyTo(target, (t * _stride) + offset);
        }
    }
}
