using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Training.Engine.Sequence2Sequence;

/// <summary>
/// The shape of an encoder–decoder (tools/golden_seq2seq.py is its definition): an encoder of <see cref="Layers"/>
/// recurrent layers of one <see cref="Kind"/> over <see cref="InputSize"/> inputs, a decoder of the same kind and size
/// that reads <see cref="OutputSize"/> values per step (its fed-back output) for <see cref="Horizon"/> steps, optional
/// <see cref="Attention"/> over the encoder's top-layer outputs (width <see cref="AttentionSize"/> for the additive
/// score), and a dense head from H to the outputs.
/// </summary>
internal sealed record Seq2SeqShape
{
    public Seq2SeqShape(CellKind kind, int inputSize, int hiddenSize, int layers, int outputSize, int horizon, AttentionKind attention = AttentionKind.None, int attentionSize = 0)
    {
        if (kind is not (CellKind.Lstm or CellKind.Gru))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected an LSTM or GRU encoder–decoder.");
        }

        if (horizon is < 1 or > ModelDefinition.MaxHorizon)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"Expected a horizon in [1, {ModelDefinition.MaxHorizon}].");
        }

        if (attention is < AttentionKind.None or > AttentionKind.Additive)
        {
            throw new ArgumentOutOfRangeException(nameof(attention), attention, "Expected none, dot, general or additive attention.");
        }

        if ((attention == AttentionKind.Additive) != (attentionSize > 0) || attentionSize is < 0 or > ModelDefinition.MaxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(attentionSize), attentionSize, $"Expected an attention width in [1, {ModelDefinition.MaxWidth}] for the additive score and 0 otherwise.");
        }

        Encoder = new NetworkShape(kind, inputSize, hiddenSize, layers, outputSize);
        Decoder = new NetworkShape(kind, outputSize, hiddenSize, layers, outputSize);
        Horizon = horizon;
        Attention = attention;
        AttentionSize = attentionSize;
    }

    public CellKind Kind => Encoder.Kind;

    public int InputSize => Encoder.InputSize;

    public int HiddenSize => Encoder.HiddenSize;

    public int Layers => Encoder.Layers;

    public int OutputSize => Encoder.OutputSize;

    /// <summary>Decoder steps, N.</summary>
    public int Horizon { get; }

    public AttentionKind Attention { get; }

    /// <summary>A, the additive score's width; 0 for the other kinds.</summary>
    public int AttentionSize { get; }

    /// <summary>The encoder's stack (its head size is the model's output size, unused by the encoder).</summary>
    public NetworkShape Encoder { get; }

    /// <summary>The decoder's stack: layer 0 reads the O values fed back.</summary>
    public NetworkShape Decoder { get; }

    /// <summary>Layer <paramref name="layer"/> of <paramref name="stack"/> alone, as a one-layer shape (each layer keeps its own carried gradient).</summary>
    public static NetworkShape LayerOf(NetworkShape stack, int layer) =>
        new(stack.Kind, stack.LayerInputSize(layer), stack.HiddenSize, 1, stack.OutputSize);
}
