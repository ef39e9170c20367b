using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Runtime.Model;

/// <summary>
/// Everything a model file holds, in PyTorch's layout: input normalisation, 1 to <see cref="MaxLayers"/> recurrent layers,
/// the dense head, output de-normalisation, metadata and anomaly-scoring parameters. Immutable once built; compile it into
/// an <see cref="RnnModel"/> to run it.
/// </summary>
public sealed class ModelDefinition
{
    /// <summary>The most recurrent layers a model may stack.</summary>
    public const int MaxLayers = 4;

    /// <summary>The widest input, hidden or output vector a model may have.</summary>
    public const int MaxWidth = 8192;

    /// <summary>Creates a definition and checks that every shape fits the next.</summary>
    /// <param name="layers">1 to <see cref="MaxLayers"/> layers; layer k's input size equals layer k−1's hidden size.</param>
    /// <param name="head">The dense head; its input size equals the last layer's hidden size.</param>
    /// <param name="inputNormalization">One channel per input of the first layer; null for the identity.</param>
    /// <param name="outputNormalization">One channel per head output; null for the identity.</param>
    /// <param name="metadata">Descriptive facts; null for none.</param>
    /// <param name="scoring">Anomaly scoring; null for none.</param>
    /// <exception cref="ArgumentException">The shapes do not chain or a width is out of range.</exception>
    public ModelDefinition(
        IReadOnlyList<RecurrentLayer> layers,
        DenseLayer head,
        ChannelNormalization? inputNormalization = null,
        ChannelNormalization? outputNormalization = null,
        ModelMetadata? metadata = null,
        ScoringParameters? scoring = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(head);
        if (layers.Count is < 1 or > MaxLayers)
        {
            throw new ArgumentException($"Expected 1 to {MaxLayers} recurrent layers; found {layers.Count}.", nameof(layers));
        }

        for (int k = 0; k < layers.Count; k++)
        {
            var layer = layers[k] ?? throw new ArgumentException($"Layer {k} is null.", nameof(layers));
            CheckWidth(layer.InputSize, $"layer {k} input size");
            CheckWidth(layer.HiddenSize, $"layer {k} hidden size");
            if (k > 0 && layer.InputSize != layers[k - 1].HiddenSize)
            {
                throw new ArgumentException($"Expected layer {k} input size {layers[k - 1].HiddenSize} (layer {k - 1}'s hidden size); found {layer.InputSize}.", nameof(layers));
            }
        }

        if (head.InputSize != layers[^1].HiddenSize)
        {
            throw new ArgumentException($"Expected head input size {layers[^1].HiddenSize}; found {head.InputSize}.", nameof(head));
        }

        CheckWidth(head.OutputSize, "head output size");
        inputNormalization ??= ChannelNormalization.Identity(layers[0].InputSize);
        outputNormalization ??= ChannelNormalization.Identity(head.OutputSize);
        if (inputNormalization.Count != layers[0].InputSize)
        {
            throw new ArgumentException($"Expected {layers[0].InputSize} input normalisation channels; found {inputNormalization.Count}.", nameof(inputNormalization));
        }

        if (outputNormalization.Count != head.OutputSize)
        {
            throw new ArgumentException($"Expected {head.OutputSize} output normalisation channels; found {outputNormalization.Count}.", nameof(outputNormalization));
        }

        metadata ??= ModelMetadata.Empty;
        if (metadata.FeatureNames.Count != 0 && metadata.FeatureNames.Count != layers[0].InputSize)
        {
            throw new ArgumentException($"Expected 0 or {layers[0].InputSize} feature names; found {metadata.FeatureNames.Count}.", nameof(metadata));
        }

        foreach (int channel in metadata.TargetChannels)
        {
            if (channel < 0 || channel >= layers[0].InputSize)
            {
                throw new ArgumentException($"Expected target channels in [0, {layers[0].InputSize}); found {channel}.", nameof(metadata));
            }
        }

        Layers = layers.ToArray();
        Head = head;
        InputNormalization = inputNormalization;
        OutputNormalization = outputNormalization;
        Metadata = metadata;
        Scoring = scoring ?? ScoringParameters.None;
    }

    /// <summary>The recurrent layers, first to last.</summary>
    public IReadOnlyList<RecurrentLayer> Layers { get; }

    /// <summary>The dense head.</summary>
    public DenseLayer Head { get; }

    /// <summary>Input normalisation, z = (x − mean) / std.</summary>
    public ChannelNormalization InputNormalization { get; }

    /// <summary>Output de-normalisation, y = z · std + mean.</summary>
    public ChannelNormalization OutputNormalization { get; }

    /// <summary>Descriptive facts.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>Anomaly-scoring parameters (<see cref="ScoringParameters.None"/> when absent).</summary>
    public ScoringParameters Scoring { get; }

    /// <summary>The input width.</summary>
    public int InputSize => Layers[0].InputSize;

    /// <summary>The output width.</summary>
    public int OutputSize => Head.OutputSize;

    /// <summary>Whether any weight matrix is int8.</summary>
    public bool IsQuantized => Head.Weight.IsQuantized || Layers.Any(l => l.IsQuantized);

    /// <summary>A copy with other metadata or scoring, the weights shared.</summary>
    /// <param name="metadata">New metadata, or null to keep.</param>
    /// <param name="scoring">New scoring, or null to keep.</param>
    /// <param name="inputNormalization">New input normalisation, or null to keep.</param>
    /// <param name="outputNormalization">New output normalisation, or null to keep.</param>
    /// <returns>The new definition.</returns>
    public ModelDefinition With(
        ModelMetadata? metadata = null,
        ScoringParameters? scoring = null,
        ChannelNormalization? inputNormalization = null,
        ChannelNormalization? outputNormalization = null) =>
        new(Layers, Head, inputNormalization ?? InputNormalization, outputNormalization ?? OutputNormalization, metadata ?? Metadata, scoring ?? Scoring);

    private static void CheckWidth(int width, string what)
    {
        if (width is < 1 or > MaxWidth)
        {
            throw new ArgumentException($"Expected {what} in [1, {MaxWidth}]; found {width}.");
        }
    }
}
