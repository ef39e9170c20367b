using System.Collections.ObjectModel;

namespace EdgeRnn.Runtime.Model;

/// <summary>Descriptive facts stored with a model: channel names, sample period, task and free key/value pairs.</summary>
public sealed class ModelMetadata
{
    /// <summary>The metadata of a model that says nothing beyond its shape.</summary>
    public static ModelMetadata Empty { get; } = new();

    /// <summary>One name per input channel, or empty when unnamed.</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = [];

    /// <summary>For <see cref="ModelTask.Forecast"/>: the input channel that each output predicts, or empty when unknown.</summary>
    public IReadOnlyList<int> TargetChannels { get; init; } = [];

    /// <summary>The nominal time between samples, in seconds; 0 when unknown.</summary>
    public double SamplePeriodSeconds { get; init; }

    /// <summary>What the model was trained to do.</summary>
    public ModelTask Task { get; init; } = ModelTask.Forecast;

    /// <summary>Free key/value pairs (training settings, provenance, a text model's vocabulary, …): a read-only copy of
    /// what was given, so that changing the given dictionary later does not change the model.</summary>
    public IReadOnlyDictionary<string, string> Properties
    {
        get;
        init => field = value is null ? ReadOnlyDictionary<string, string>.Empty : new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(value, StringComparer.Ordinal));
    }

        = ReadOnlyDictionary<string, string>.Empty;
}
