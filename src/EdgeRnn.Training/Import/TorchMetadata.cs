using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Import;

/// <summary>
/// The optional, non-PyTorch fields of an export: normalisation and descriptive metadata. All may be absent.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>input_normalization</c>, <c>output_normalization</c>: <c>{ "mean": [...], "std": [...] }</c>, one entry per channel
/// (identity when absent: PyTorch models usually normalise outside the module).</item>
/// <item><c>feature_names</c>: one string per input channel; <c>target_channels</c>: for forecasting, the input channel each
/// output predicts; <c>sample_period_seconds</c>; <c>task</c>: <c>forecast</c> (default), <c>classify</c>, <c>label</c> or
/// <c>text</c>.</item>
/// <item><c>properties</c>: an object of string values, stored as free key/value pairs; <c>name</c> is stored as the
/// property <c>name</c>.</item>
/// </list>
/// </remarks>
internal static class TorchMetadata
{
    /// <summary>Reads the input and output normalisations (null when absent).</summary>
    /// <param name="root">The document's root object.</param>
    /// <param name="inputs">The model's input width.</param>
    /// <param name="outputs">The model's output width.</param>
    /// <returns>The normalisations.</returns>
    /// <exception cref="InvalidDataException">A normalisation is malformed.</exception>
    public static (ChannelNormalization? Input, ChannelNormalization? Output) ReadNormalizations(JsonFields root, int inputs, int outputs) =>
        (ReadNormalization(root, "input_normalization", inputs), ReadNormalization(root, "output_normalization", outputs));

    /// <summary>Reads the descriptive metadata.</summary>
    /// <param name="root">The document's root object.</param>
    /// <param name="inputs">The model's input width.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="InvalidDataException">A field is malformed.</exception>
    public static ModelMetadata ReadMetadata(JsonFields root, int inputs)
    {
        string[] names = root.OptionalStrings("feature_names") ?? [];
        if (names.Length != 0 && names.Length != inputs)
        {
            throw new InvalidDataException($"{root.Source}: 'feature_names': expected {inputs} names (one per input); found {names.Length}.");
        }

        int[] targets = root.OptionalInts("target_channels", 0, inputs - 1) ?? [];
        double period = root.OptionalNumber("sample_period_seconds") ?? 0;
        if (period < 0)
        {
            throw new InvalidDataException($"{root.Source}: 'sample_period_seconds': expected a number ≥ 0; found {period}.");
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.OptionalObject("properties") is { } given)
        {
            foreach (var property in given.Element.EnumerateObject())
            {
                properties[property.Name] = given.OptionalString(property.Name) ?? string.Empty;
            }
        }

        if (root.OptionalString("name") is { } name)
        {
            properties["name"] = name;
        }

        return new ModelMetadata
        {
            FeatureNames = names,
            TargetChannels = targets,
            SamplePeriodSeconds = period,
            Task = ReadTask(root),
            Properties = properties,
        };
    }

    private static ModelTask ReadTask(JsonFields root) => root.OptionalString("task")?.ToLowerInvariant() switch
    {
        null or "forecast" => ModelTask.Forecast,
        "classify" => ModelTask.Classify,
        "label" => ModelTask.Label,
        "text" => ModelTask.Text,
        var other => throw new InvalidDataException($"{root.Source}: 'task': expected \"forecast\", \"classify\", \"label\" or \"text\"; found \"{other}\"."),
    };

    private static ChannelNormalization? ReadNormalization(JsonFields root, string field, int channels)
    {
        if (root.OptionalObject(field) is not { } normalization)
        {
            return null;
        }

        float[] mean = normalization.OptionalFloats("mean") ?? throw new InvalidDataException($"{root.Source}: expected a field '{field}.mean'; found none.");
        float[] std = normalization.OptionalFloats("std") ?? throw new InvalidDataException($"{root.Source}: expected a field '{field}.std'; found none.");
        if (mean.Length != channels || std.Length != channels)
        {
            throw new InvalidDataException($"{root.Source}: '{field}': expected {channels} means and {channels} stds; found {mean.Length} and {std.Length}.");
        }

        try
        {
            return new ChannelNormalization(mean, std);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"{root.Source}: '{field}': {exception.Message}", exception);
        }
    }
}
