using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Data;

/// <summary>
/// Loaded, cleaned, split and normalised data for one task. Training and validation segments never overlap: the
/// validation part is the last <see cref="DataOptions.ValidationFraction"/> of each file's usable steps.
/// </summary>
internal sealed class TrainingData
{
    /// <summary>What the data is for.</summary>
    public required ModelTask Task { get; init; }

    /// <summary>One sequence per file.</summary>
    public required IReadOnlyList<DataSequence> Sequences { get; init; }

    /// <summary>Gap-free runs of the training part.</summary>
    public required IReadOnlyList<Segment> TrainSegments { get; init; }

    /// <summary>Gap-free runs of the validation part.</summary>
    public required IReadOnlyList<Segment> ValidationSegments { get; init; }

    /// <summary>Input width: channels, or the vocabulary size for text.</summary>
    public required int InputWidth { get; init; }

    /// <summary>Forecast: target channels per step; otherwise the number of classes.</summary>
    public required int OutputWidth { get; init; }

    /// <summary>One name per input (channel names; for text, empty).</summary>
    public IReadOnlyList<string> InputNames { get; init; } = [];

    /// <summary>Forecast: the input channel each target is.</summary>
    public IReadOnlyList<int> TargetChannels { get; init; } = [];

    /// <summary>Classify and label: class names, index = class (also filled for forecast with a label column).</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>Text: the vocabulary, sorted distinct characters (index = class); empty otherwise.</summary>
    public string Vocabulary { get; init; } = string.Empty;

    /// <summary>Input normalisation (identity for text).</summary>
    public required ChannelNormalization InputNormalization { get; init; }

    /// <summary>Output de-normalisation: the target channels' statistics for forecast, identity otherwise.</summary>
    public required ChannelNormalization OutputNormalization { get; init; }

    /// <summary>The median time between samples in seconds; 0 when unknown.</summary>
    public double SamplePeriodSeconds { get; init; }

    /// <summary>What was read and done, for printing.</summary>
    public required DataSummary Summary { get; init; }

    /// <summary>The segments of one part.</summary>
    /// <param name="part">Training or validation.</param>
    /// <returns>The segments.</returns>
    public IReadOnlyList<Segment> SegmentsOf(SplitPart part) => part == SplitPart.Train ? TrainSegments : ValidationSegments;
}

/// <summary>A part of the time split.</summary>
internal enum SplitPart
{
    /// <summary>The first part of each file.</summary>
    Train,

    /// <summary>The last part of each file.</summary>
    Validation,
}
