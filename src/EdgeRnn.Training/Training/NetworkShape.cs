using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Training;

/// <summary>
/// The shape of a trainable network: <see cref="Layers"/> stacked recurrent layers of one <see cref="Kind"/>, all
/// <see cref="HiddenSize"/> wide, and a dense head to <see cref="OutputSize"/> outputs.
/// </summary>
internal sealed record NetworkShape
{
    public NetworkShape(CellKind kind, int inputSize, int hiddenSize, int layers, int outputSize)
    {
        _ = kind.GateCount();
        if (layers is < 1 or > ModelDefinition.MaxLayers)
        {
            throw new ArgumentOutOfRangeException(nameof(layers), layers, $"Expected 1 to {ModelDefinition.MaxLayers} layers.");
        }

        CheckWidth(inputSize, nameof(inputSize));
        CheckWidth(hiddenSize, nameof(hiddenSize));
        CheckWidth(outputSize, nameof(outputSize));
        Kind = kind;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Layers = layers;
        OutputSize = outputSize;
    }

    public CellKind Kind { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public int Layers { get; }

    public int OutputSize { get; }

    /// <summary>G: 1 for RNN, 4 for LSTM, 3 for GRU.</summary>
    public int Gates => Kind.GateCount();

    /// <summary>G·H, the rows of each layer's weights.</summary>
    public int GateWidth => Gates * HiddenSize;

    /// <summary>The input width of layer <paramref name="layer"/>.</summary>
    public int LayerInputSize(int layer) => layer == 0 ? InputSize : HiddenSize;

    private static void CheckWidth(int width, string name)
    {
        if (width is < 1 or > ModelDefinition.MaxWidth)
        {
            throw new ArgumentOutOfRangeException(name, width, $"Expected a width in [1, {ModelDefinition.MaxWidth}].");
        }
    }
}
