using EdgeRnn.Runtime.Cells;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime;

/// <summary>
/// Runs an encoder–decoder model (<see cref="ModelDefinition.Decoder"/>) over whole windows: the encoder over the window
/// from zero states, then <see cref="SequenceDecoder.Horizon"/> decoder steps from the encoder's final states, each fed
/// its own previous output. Preallocated for windows of up to <see cref="MaxSteps"/> samples: once created,
/// <see cref="Run"/> allocates nothing. Not thread-safe: one decoder runner per thread; many share one <see cref="RnnModel"/>.
/// </summary>
/// <remarks>
/// Inputs are normalised as in <see cref="RnnWindow"/> (a non-finite value is replaced by that channel's last finite value
/// in the window, or the mean before any). The encoder keeps its top layer's h after every step, E[1..T], for the
/// attention. The first decoder input is zeros or the last row's target channels normalised with the output
/// normalisation (<see cref="DecoderStart"/>); after step k it is y[k] before de-normalisation. Per step:
/// d = the top decoder layer's h, z = d or, with attention, tanh(W_c [Σ_s softmax(score)[s] E[s]; d]), y = W z + b, written
/// de-normalised. See <see cref="SequenceDecoder"/> for the scores.
/// </remarks>
public sealed partial class RnnSequenceDecoder
{
    private readonly CompiledDecoder _decoder;
    private readonly float[][] _planes;
    private readonly int _stride;
    private readonly float[] _memory;
    private readonly float[][] _hidden;
    private readonly float[][] _cell;
    private readonly float[][] _decoderHidden;
    private readonly float[][] _decoderCell;
    private readonly float[] _lastInput;
    private readonly float[] _pre;
    private readonly float[] _work;
    private readonly float[] _headOut;
    private readonly float[] _feedback;
    private readonly sbyte[] _quantized;
    private bool _descending;

    internal RnnSequenceDecoder(RnnModel model, int maxWindow)
    {
        _decoder = model.Decoder ?? throw new NotSupportedException("Expected an encoder-decoder model (with a decoder section, as `edgernn train --task reconstruct` or `--horizon N` writes); found a model without a decoder. Step it with RnnModel.CreateState() or run windows with RnnModel.CreateWindow(maxSteps).");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWindow, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxWindow, RnnWindow.MaxWindow);
        Model = model;
        MaxSteps = maxWindow;
        int hidden = _decoder.HiddenSize;
        var all = model.Layers.Concat(_decoder.Layers).ToArray();
        _stride = Math.Max(model.InputSize, hidden);
        _planes = [new float[checked(maxWindow * _stride)], new float[checked(maxWindow * _stride)]];
        _memory = new float[checked(maxWindow * hidden)];
        _hidden = model.Layers.Select(l => new float[l.HiddenSize]).ToArray();
        _cell = model.Layers.Select(l => new float[l.Kind.HasCellState() ? l.HiddenSize : 0]).ToArray();
        _decoderHidden = model.Layers.Select(l => new float[l.HiddenSize]).ToArray();
        _decoderCell = model.Layers.Select(l => new float[l.Kind.HasCellState() ? l.HiddenSize : 0]).ToArray();
        _lastInput = new float[model.InputSize];
        _pre = new float[all.Max(l => l.GateRows)];
        _work = new float[all.Max(l => l.WorkLength)];
        _headOut = new float[model.Head.PaddedRows];
        _feedback = new float[model.OutputSize];
        _quantized = new sbyte[Math.Max(Math.Max(all.Max(l => l.QuantizedLength), model.Head.QuantizedLength), _decoder.QuantizedLength) + 4];
        _keys = new float[checked(maxWindow * _decoder.KeyStride)];
        _scores = new float[_decoder.Attention == AttentionKind.None ? 0 : maxWindow];
        _joined = new float[_decoder.Attention == AttentionKind.None ? 0 : 2 * hidden];
        _combined = new float[_decoder.Combine?.PaddedRows ?? 0];
        _query = new float[_decoder.Query?.PaddedRows ?? 0];
        _sum = new float[_decoder.AttentionSize];
    }

    /// <summary>The model this runner belongs to.</summary>
    public RnnModel Model { get; }

    /// <summary>The longest window <see cref="Run"/> takes, in samples.</summary>
    public int MaxSteps { get; }

    /// <summary>The number of output rows a run writes (<see cref="SequenceDecoder.Horizon"/>).</summary>
    public int Horizon => _decoder.Horizon;

    /// <summary>
    /// Encodes one window and decodes <see cref="Horizon"/> output rows: a forecast model's rows t + 1 … t + N, a
    /// reconstruction model's window rows from the newest back (<see cref="ModelTask.Reconstruct"/>).
    /// </summary>
    /// <param name="window">1 to <see cref="MaxSteps"/> raw samples of <see cref="RnnModel.InputSize"/> values, row-major, oldest first.</param>
    /// <param name="outputs">Receives <see cref="Horizon"/> × <see cref="RnnModel.OutputSize"/> de-normalised outputs, row-major.</param>
    /// <exception cref="ArgumentException">The window is not 1 to <see cref="MaxSteps"/> whole samples, or the outputs have another length.</exception>
    public void Run(ReadOnlySpan<float> window, Span<float> outputs)
    {
        int inputSize = Model.InputSize;
        int outputSize = Model.OutputSize;
        if (window.Length % inputSize != 0 || window.Length == 0 || window.Length > MaxSteps * inputSize)
        {
            ThrowHelper.ThrowMultipleLength(nameof(window), inputSize, window.Length);
        }

        if (outputs.Length != _decoder.Horizon * outputSize)
        {
            ThrowHelper.ThrowLength(nameof(outputs), _decoder.Horizon * outputSize, outputs.Length);
        }

        int steps = window.Length / inputSize;
        Encode(window, steps);
        PrepareKeys(steps);
        for (int l = 0; l < _hidden.Length; l++)
        {
            _hidden[l].CopyTo(_decoderHidden[l], 0);
            _cell[l].CopyTo(_decoderCell[l], 0);
        }

        First(_feedback);
        var head = Model.Head;
        int hidden = _decoder.HiddenSize;
        var layers = _decoder.Layers;
        for (int k = 0; k < _decoder.Horizon; k++)
        {
            ReadOnlySpan<float> x = _feedback;
            for (int l = 0; l < layers.Length; l++)
            {
                _descending = !_descending;
                layers[l].Step(x, _pre.AsSpan(0, layers[l].GateRows), _decoderHidden[l], _decoderCell[l], _work, _quantized, _descending);
                x = _decoderHidden[l];
            }

            ReadOnlySpan<float> z = _decoder.Attention == AttentionKind.None ? x : Attend(x, steps);
            head.ApplyRaw(z[..hidden], _headOut, _feedback, _quantized);
            head.Denormalize(_feedback, outputs.Slice(k * outputSize, outputSize));
        }
    }

    /// <summary>The encoder's final hidden state of a layer after the last <see cref="Run"/> (the decoder's initial state).</summary>
    /// <param name="layer">Layer index, 0-based.</param>
    /// <returns>H values, live.</returns>
    public ReadOnlySpan<float> EncoderHidden(int layer) => _hidden[layer];

    /// <summary>The encoder's final cell state of an LSTM layer after the last <see cref="Run"/>; empty for other cells.</summary>
    /// <param name="layer">Layer index, 0-based.</param>
    /// <returns>H values, live.</returns>
    public ReadOnlySpan<float> EncoderCell(int layer) => _cell[layer];

    /// <summary>Normalises the window and runs the encoder from zero states; its top layer's h per step goes to the memory E.</summary>
    private void Encode(ReadOnlySpan<float> window, int steps)
    {
        int inputSize = Model.InputSize;
        Model.InputMean.CopyTo(_lastInput, 0);
        for (int t = 0; t < steps; t++)
        {
            InputNormalizer.Normalize(window.Slice(t * inputSize, inputSize), _lastInput, Model.InputMean, Model.InputStd, _planes[0].AsSpan(t * _stride, inputSize));
        }

        var layers = Model.Layers;
        for (int k = 0; k < layers.Length; k++)
        {
            var layer = layers[k];
            float[] source = _planes[k & 1];
            bool top = k == layers.Length - 1;
            float[] target = top ? _memory : _planes[(k + 1) & 1];
            int targetStride = top ? layer.HiddenSize : _stride;
            float[] h = _hidden[k];
            float[] c = _cell[k];
            Array.Clear(h);
            Array.Clear(c);
            var pre = _pre.AsSpan(0, layer.GateRows);
            for (int t = 0; t < steps; t++)
            {
                _descending = !_descending;
                layer.Step(source.AsSpan(t * _stride, layer.InputSize), pre, h, c, _work, _quantized, _descending);
                h.CopyTo(target, t * targetStride);
            }
        }
    }

    /// <summary>The first decoder input: zeros, or the last row's target channels (their last finite values) normalised as outputs.</summary>
    private void First(Span<float> input)
    {
        if (_decoder.Start == DecoderStart.Zeros)
        {
            input.Clear();
            return;
        }

        int[] channels = _decoder.StartChannels;
        for (int j = 0; j < input.Length; j++)
        {
            float value = (_lastInput[channels[j]] - _decoder.OutputMean[j]) / _decoder.OutputStd[j];
            input[j] = Math.Clamp(value, -ChannelNormalization.InputClamp, ChannelNormalization.InputClamp);
        }
    }
}
