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

    /// <summary>The longest window of a detector, in samples (about 194 days of 1 Hz samples).</summary>
    public const int MaxDetectorWindow = 1 << 24;

    /// <summary>The most forecasters a detector's ensemble may hold.</summary>
    public const int MaxEnsemble = 64;

    /// <summary>The most outputs a <see cref="SequenceDecoder"/> may produce per run.</summary>
    public const int MaxHorizon = 4096;

    /// <summary>Creates a definition and checks that every shape fits the next.</summary>
    /// <param name="layers">1 to <see cref="MaxLayers"/> layers; layer k's input size equals layer k−1's hidden size.</param>
    /// <param name="head">The dense head; its input size equals the last layer's hidden size.</param>
    /// <param name="inputNormalization">One channel per input of the first layer; null for the identity.</param>
    /// <param name="outputNormalization">One channel per head output; null for the identity.</param>
    /// <param name="metadata">Descriptive facts; null for none.</param>
    /// <param name="scoring">Anomaly scoring; null for none.</param>
    /// <param name="detector">The whole detector (ensemble, likelihood, alarm and change points); null for none.</param>
    /// <param name="decoder">
    /// The decoder of an encoder–decoder model, or null: then <paramref name="layers"/> are the encoder (unidirectional),
    /// the decoder's layers match them in count, kind and hidden size, its layer 0 reads the head's outputs, and the head
    /// reads the decoder's z (H values).
    /// </param>
    /// <exception cref="ArgumentException">The shapes do not chain or a width is out of range.</exception>
    public ModelDefinition(
        IReadOnlyList<RecurrentLayer> layers,
        DenseLayer head,
        ChannelNormalization? inputNormalization = null,
        ChannelNormalization? outputNormalization = null,
        ModelMetadata? metadata = null,
        ScoringParameters? scoring = null,
        DetectorDefinition? detector = null,
        SequenceDecoder? decoder = null)
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
            if (k > 0 && layer.InputSize != layers[k - 1].OutputSize)
            {
                throw new ArgumentException($"Expected layer {k} input size {layers[k - 1].OutputSize} (layer {k - 1}'s {(layers[k - 1].IsBidirectional ? "output size, twice its hidden size" : "hidden size")}); found {layer.InputSize}.", nameof(layers));
            }
        }

        if (head.InputSize != layers[^1].OutputSize)
        {
            throw new ArgumentException($"Expected head input size {layers[^1].OutputSize}; found {head.InputSize}.", nameof(head));
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

        if (decoder is not null)
        {
            CheckDecoder(layers, head, metadata, decoder);
        }
        else if (metadata.Task == ModelTask.Reconstruct)
        {
            throw new ArgumentException("Expected a decoder for a Reconstruct model (an autoencoder over windows); found none.", nameof(decoder));
        }

        Layers = layers.ToArray();
        Head = head;
        Decoder = decoder;
        InputNormalization = inputNormalization;
        OutputNormalization = outputNormalization;
        Metadata = metadata;
        Scoring = scoring ?? ScoringParameters.None;
        if (detector is not null)
        {
            CheckDetector(detector);
        }

        Detector = detector;
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

    /// <summary>The whole detector this model is the first forecaster of, or null (then only <see cref="Scoring"/> applies).</summary>
    public DetectorDefinition? Detector { get; }

    /// <summary>The decoder of an encoder–decoder model (then <see cref="Layers"/> are its encoder), or null.</summary>
    public SequenceDecoder? Decoder { get; }

    /// <summary>Whether the model is an encoder–decoder: it then runs whole windows (<c>RnnModel.CreateSequenceDecoder</c>), not steps.</summary>
    public bool IsSequenceToSequence => Decoder is not null;

    /// <summary>The input width.</summary>
    public int InputSize => Layers[0].InputSize;

    /// <summary>The output width.</summary>
    public int OutputSize => Head.OutputSize;

    /// <summary>Whether any weight matrix is int8.</summary>
    public bool IsQuantized => Head.Weight.IsQuantized || Layers.Any(l => l.IsQuantized) || Decoder?.IsQuantized == true;

    /// <summary>Whether a layer is bidirectional: the model then runs whole windows (<c>RnnModel.CreateWindow</c>), not steps.</summary>
    public bool IsBidirectional => Layers.Any(l => l.IsBidirectional);

    /// <summary>A copy with other metadata or scoring, the weights (and the decoder) shared.</summary>
    /// <param name="metadata">New metadata, or null to keep.</param>
    /// <param name="scoring">New scoring, or null to keep.</param>
    /// <param name="inputNormalization">New input normalisation, or null to keep.</param>
    /// <param name="outputNormalization">New output normalisation, or null to keep.</param>
    /// <param name="detector">A new detector, or null to keep.</param>
    /// <returns>The new definition.</returns>
    public ModelDefinition With(
        ModelMetadata? metadata = null,
        ScoringParameters? scoring = null,
        ChannelNormalization? inputNormalization = null,
        ChannelNormalization? outputNormalization = null,
        DetectorDefinition? detector = null) =>
        new(Layers, Head, inputNormalization ?? InputNormalization, outputNormalization ?? OutputNormalization, metadata ?? Metadata, scoring ?? Scoring, detector ?? Detector, Decoder);

    private void CheckDetector(DetectorDefinition detector)
    {
        int covariates = detector.TimeOfDay ? DetectorDefinition.TimeOfDayInputs : 0;
        if (OutputSize > InputSize - covariates)
        {
            throw new ArgumentException($"Expected a detector's model to forecast at most its {InputSize - covariates} leading inputs (inputs {InputSize}, time-of-day inputs {covariates}); found {OutputSize} outputs.", nameof(detector));
        }

        for (int k = 0; k < Metadata.TargetChannels.Count; k++)
        {
            if (Metadata.TargetChannels[k] != k)
            {
                throw new ArgumentException($"Expected a detector's target channels to be its leading inputs 0..{OutputSize - 1}; found channel {Metadata.TargetChannels[k]} at position {k}.", nameof(detector));
            }
        }

        if (detector.Members.Count >= MaxEnsemble)
        {
            throw new ArgumentException($"Expected at most {MaxEnsemble} forecasters in a detector's ensemble; found {detector.Members.Count + 1}.", nameof(detector));
        }

        for (int m = 0; m < detector.Members.Count; m++)
        {
            var member = detector.Members[m] ?? throw new ArgumentException($"Ensemble member {m + 1} is null.", nameof(detector));
            if (member.Decoder is not null)
            {
                throw new ArgumentException($"Expected ensemble member {m + 1} to be a step-by-step forecaster; found an encoder-decoder (the model file carries no decoder for a member).", nameof(detector));
            }

            if (member.InputSize != InputSize || member.OutputSize != OutputSize || member.Detector is not null)
            {
                throw new ArgumentException($"Expected ensemble member {m + 1} to take {InputSize} inputs and give {OutputSize} outputs, without a detector of its own; found {member.InputSize}, {member.OutputSize}{(member.Detector is null ? string.Empty : " and a detector")}.", nameof(detector));
            }

            if (!Same(member.InputNormalization, InputNormalization) || !Same(member.OutputNormalization, OutputNormalization))
            {
                throw new ArgumentException($"Expected ensemble member {m + 1} to share the model's input and output normalisation (the file stores it once); found other values.", nameof(detector));
            }
        }

        var l = detector.Likelihood;
        if (l.ShortWindow < 1 || l.LongWindow < 1 || l.ValueShortWindow < 1 || l.SkipRows < 0 || l.FreezeAfterRows < 0 || l.MinimumHistory < 1 || l.SuppressionRows < 0 || l.SpatialWindow < 0 || l.ValueWindow < 0
            || l.ShortWindow > MaxDetectorWindow || l.LongWindow > MaxDetectorWindow || l.ValueWindow > MaxDetectorWindow || l.SpatialWindow > MaxDetectorWindow || l.ValueShortWindow > MaxDetectorWindow)
        {
            throw new ArgumentException($"Expected likelihood windows in [1, {MaxDetectorWindow}] (value and spatial windows may be 0) and non-negative row counts; found short {l.ShortWindow}, long {l.LongWindow}, value {l.ValueWindow}/{l.ValueShortWindow}, spatial {l.SpatialWindow}, skip {l.SkipRows}, freeze {l.FreezeAfterRows}, history {l.MinimumHistory}, suppression {l.SuppressionRows}.", nameof(detector));
        }

        if (!Enum.IsDefined(l.ChannelError) || !Enum.IsDefined(l.Baseline) || (l.Baseline == LikelihoodBaseline.TrainingMaximum && l.ReferenceMaximum <= 0 && l.FreezeAfterRows <= l.SkipRows))
        {
            throw new ArgumentException($"Expected a known channel error and baseline, and reference rows (FreezeAfterRows above SkipRows) for a training-maximum baseline; found {(int)l.ChannelError}, {(int)l.Baseline}, rows {l.SkipRows}-{l.FreezeAfterRows}.", nameof(detector));
        }

        foreach (double value in (ReadOnlySpan<double>)[l.MinStdFraction, l.MinStd, l.RedLikelihood, l.YellowLikelihood, l.ErrorSquash, l.LogErrorOffset, l.ZScale, l.SpatialTolerance, l.SuppressionLevel, l.SuppressionFactor, l.ReferenceMaximum])
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new ArgumentException($"Expected finite, non-negative likelihood settings; found {value}.", nameof(detector));
            }
        }

        if (detector.ChangePoints is { } c && (c.RecentRows < 1 || c.ReferenceRows < 1 || c.RecentRows > MaxDetectorWindow || c.ReferenceRows > MaxDetectorWindow || !(c.Ratio > 1) || double.IsInfinity(c.Ratio)))
        {
            throw new ArgumentException($"Expected change-point windows in [1, {MaxDetectorWindow}] and a finite ratio above 1; found {c.RecentRows}, {c.ReferenceRows} and {c.Ratio}.", nameof(detector));
        }
    }

    private static void CheckDecoder(IReadOnlyList<RecurrentLayer> layers, DenseLayer head, ModelMetadata metadata, SequenceDecoder decoder)
    {
        for (int k = 0; k < layers.Count; k++)
        {
            if (layers[k].IsBidirectional)
            {
                throw new ArgumentException($"Expected a unidirectional encoder under a decoder; found layer {k} bidirectional.", nameof(decoder));
            }
        }

        var encoder = layers[^1];
        var first = decoder.Layers[0];
        if (decoder.Layers.Count != layers.Count || first.Kind != encoder.Kind || first.HiddenSize != encoder.HiddenSize)
        {
            throw new ArgumentException($"Expected the decoder to match the encoder's {layers.Count} {encoder.Kind} layers of hidden size {encoder.HiddenSize} (it starts from their final state); found {decoder.Layers.Count} {first.Kind} layers of {first.HiddenSize}.", nameof(decoder));
        }

        if (first.InputSize != head.OutputSize)
        {
            throw new ArgumentException($"Expected decoder layer 0 input size {head.OutputSize} (the head's outputs, fed back); found {first.InputSize}.", nameof(decoder));
        }

        if (decoder.Start == DecoderStart.LastTargets && metadata.TargetChannels.Count != head.OutputSize && (metadata.TargetChannels.Count != 0 || head.OutputSize > layers[0].InputSize))
        {
            throw new ArgumentException($"Expected {head.OutputSize} target channels (or none and at most {layers[0].InputSize} outputs) for a decoder that starts from the last row's targets; found {metadata.TargetChannels.Count} channels for {head.OutputSize} outputs.", nameof(decoder));
        }
    }

    private static bool Same(ChannelNormalization a, ChannelNormalization b) =>
        a.Mean.SequenceEqual(b.Mean) && a.Std.SequenceEqual(b.Std);

    private static void CheckWidth(int width, string what)
    {
        if (width is < 1 or > MaxWidth)
        {
            throw new ArgumentException($"Expected {what} in [1, {MaxWidth}]; found {width}.");
        }
    }
}
