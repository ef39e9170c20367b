using EdgeRnn.Runtime.Cells;
using EdgeRnn.Runtime.Kernels;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime;

public sealed partial class RnnModel
{
    private uint? _checksum;

    private RnnModel(ModelDefinition definition, uint? checksum)
    {
        Definition = definition;
        _checksum = checksum;
        Layers = definition.Layers.Select(l => new CompiledLayer(l.Forward())).ToArray();
        ReverseLayers = definition.Layers.Select(l => l.Reverse is null ? null : new CompiledLayer(l.Reverse)).ToArray();
        Head = new CompiledHead(definition.Head, definition.OutputNormalization);
        FusedHead = Layers[^1].IsFloatLstm ? Head.SingleRow : null;
        InputMean = definition.InputNormalization.Mean.ToArray();
        InputStd = definition.InputNormalization.Std.ToArray();
        Decoder = definition.Decoder is null ? null : new CompiledDecoder(definition.Decoder, definition);
    }

    internal CompiledLayer[] Layers { get; }

    /// <summary>Per layer, the reverse direction of a bidirectional layer, else null.</summary>
    internal CompiledLayer?[] ReverseLayers { get; }

    internal CompiledHead Head { get; }

    /// <summary>The one-output head a single step computes inside the last layer's kernel (float LSTM, float head of one output), or null.</summary>
    internal DenseRow? FusedHead { get; }

    /// <summary>The compiled decoder of an encoder-decoder model, or null.</summary>
    internal CompiledDecoder? Decoder { get; }

    internal float[] InputMean { get; }

    internal float[] InputStd { get; }

    /// <summary>Creates a fresh state (all zero) for one stream of this model.</summary>
    /// <returns>A state that only this model can step.</returns>
    /// <exception cref="NotSupportedException">The model has a bidirectional layer (use <see cref="CreateWindow"/>) or a decoder (use <see cref="CreateSequenceDecoder"/>).</exception>
    public RnnState CreateState() => new(this);

    /// <summary>Creates a batch of <paramref name="streams"/> independent streams stepped together.</summary>
    /// <param name="streams">The number of streams, ≥ 1.</param>
    /// <returns>The batch, all states zero.</returns>
    /// <exception cref="NotSupportedException">The model has a bidirectional layer (use <see cref="CreateWindow"/>) or a decoder (use <see cref="CreateSequenceDecoder"/>).</exception>
    public RnnBatch CreateBatch(int streams) => new(this, streams);

    /// <summary>
    /// Creates a runner of whole windows of up to <paramref name="maxSteps"/> samples: the only way to run a model with a
    /// bidirectional layer (its reverse direction reads the window from its last sample back), and a way to run any model
    /// over a buffered window from zero states.
    /// </summary>
    /// <param name="maxSteps">The longest window, 1 to 1,048,576 samples; the buffers are allocated here, once.</param>
    /// <returns>The window runner (not thread-safe; one per thread).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSteps"/> is out of range.</exception>
    /// <exception cref="NotSupportedException">The model has a decoder: use <see cref="CreateSequenceDecoder"/>.</exception>
    public RnnWindow CreateWindow(int maxSteps) => new(this, maxSteps);

    /// <summary>
    /// Creates a runner of an encoder–decoder model (<see cref="ModelDefinition.Decoder"/>) over windows of up to
    /// <paramref name="maxWindow"/> samples: the encoder over the window, then the decoder's
    /// <see cref="SequenceDecoder.Horizon"/> output rows.
    /// </summary>
    /// <param name="maxWindow">The longest window, 1 to 1,048,576 samples; the buffers are allocated here, once.</param>
    /// <returns>The runner (not thread-safe; one per thread).</returns>
    /// <exception cref="NotSupportedException">The model has no decoder.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWindow"/> is out of range.</exception>
    public RnnSequenceDecoder CreateSequenceDecoder(int maxWindow) => new(this, maxWindow);

    /// <exception cref="NotSupportedException">The model has a bidirectional layer or a decoder.</exception>
    internal void ThrowIfNotSteppable(string what)
    {
        if (Definition.IsSequenceToSequence)
        {
            throw new NotSupportedException($"This model is an encoder-decoder: it encodes a whole window and then decodes {Definition.Decoder!.Horizon} rows, so it cannot {what} one sample at a time. Buffer a window and run it with RnnModel.CreateSequenceDecoder(maxWindow).Run(window, outputs).");
        }

        if (Definition.IsBidirectional)
        {
            throw new NotSupportedException($"This model has a bidirectional layer, which reads each window from its last sample back: it cannot {what} one sample at a time. Buffer a window and run it with RnnModel.CreateWindow(maxSteps).Run(inputs, outputs).");
        }
    }
}
