using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Training;

/// <summary>
/// The shape of a trainable network: <see cref="Layers"/> stacked recurrent layers of one <see cref="Kind"/>, all
/// <see cref="HiddenSize"/> wide, and a dense head to <see cref="OutputSize"/> outputs. A <see cref="Bidirectional"/>
/// network has two directions per layer (PyTorch's <c>bidirectional=True</c>): <see cref="Units"/> counts both, unit
/// u = layer · <see cref="Directions"/> + direction (0 forward, 1 reverse), and each layer outputs 2H values per step.
/// With an <see cref="EmbeddingSize"/> E the <see cref="InputSize"/> V inputs are one-hot tokens looked up in an
/// embedding table [V, E] (PyTorch's <c>nn.Embedding</c>) whose row is layer 0's input.
/// </summary>
internal sealed record NetworkShape
{
    public NetworkShape(CellKind kind, int inputSize, int hiddenSize, int layers, int outputSize, bool bidirectional = false, int embeddingSize = 0)
    {
        _ = kind.GateCount();
        if (layers is < 1 or > ModelDefinition.MaxLayers)
        {
            throw new ArgumentOutOfRangeException(nameof(layers), layers, $"Expected 1 to {ModelDefinition.MaxLayers} layers.");
        }

        CheckWidth(inputSize, nameof(inputSize));
        CheckWidth(hiddenSize, nameof(hiddenSize));
        CheckWidth(outputSize, nameof(outputSize));
        if (embeddingSize != 0)
        {
            CheckWidth(embeddingSize, nameof(embeddingSize));
            if (bidirectional)
            {
                throw new ArgumentException("Expected a unidirectional network with an embedding (tokens are stepped one at a time); found bidirectional.", nameof(bidirectional));
            }
        }

        Kind = kind;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Layers = layers;
        OutputSize = outputSize;
        Bidirectional = bidirectional;
        EmbeddingSize = embeddingSize;
    }

    public CellKind Kind { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public int Layers { get; }

    public int OutputSize { get; }

    /// <summary>Whether each layer runs forward and backward in time, its output [h_forward, h_reverse].</summary>
    public bool Bidirectional { get; }

    /// <summary>E, the width of the embedding table's rows; 0 without an embedding (layer 0 then reads the inputs).</summary>
    public int EmbeddingSize { get; }

    /// <summary>Whether the inputs are tokens looked up in an embedding table.</summary>
    public bool HasEmbedding => EmbeddingSize > 0;

    /// <summary>1, or 2 for a bidirectional network.</summary>
    public int Directions => Bidirectional ? 2 : 1;

    /// <summary>The recurrent units: layers × directions.</summary>
    public int Units => Layers * Directions;

    /// <summary>The width of each layer's output per step (and of the head's input): H, or 2H when bidirectional.</summary>
    public int LayerOutputSize => Directions * HiddenSize;

    /// <summary>G: 1 for RNN, 4 for LSTM, 3 for GRU.</summary>
    public int Gates => Kind.GateCount();

    /// <summary>G·H, the rows of each layer's weights.</summary>
    public int GateWidth => Gates * HiddenSize;

    /// <summary>The input width of layer <paramref name="layer"/>: layer 0 reads the inputs (or their embedding), the others the layer below.</summary>
    public int LayerInputSize(int layer) => layer != 0 ? LayerOutputSize : HasEmbedding ? EmbeddingSize : InputSize;

    /// <summary>The input width of unit <paramref name="unit"/> (that of its layer).</summary>
    public int UnitInputSize(int unit) => LayerInputSize(unit / Directions);

    private static void CheckWidth(int width, string name)
    {
        if (width is < 1 or > ModelDefinition.MaxWidth)
        {
            throw new ArgumentOutOfRangeException(name, width, $"Expected a width in [1, {ModelDefinition.MaxWidth}].");
        }
    }
}
