using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using Spectre.Console;

namespace EdgeRnn.Trainer.Commands;

/// <summary>The human-readable report of <c>edgernn inspect</c>.</summary>
internal static class ModelReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the report.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="model">The loaded model.</param>
    /// <param name="fileName">The file's name.</param>
    /// <param name="fileSize">The file's size in bytes.</param>
    public static void Write(IAnsiConsole console, RnnModel model, string fileName, long fileSize)
    {
        var definition = model.Definition;
        var metadata = definition.Metadata;
        var summary = new Table().AddColumns("Model", Markup.Escape(fileName)).HideHeaders();
        summary.AddRow("File", string.Create(Invariant, $"{fileSize:N0} bytes, checksum 0x{model.Checksum:X8}"));
        summary.AddRow("Architecture", Markup.Escape(ModelDescription.Architecture(definition)));
        summary.AddRow("Parameters", ModelDescription.ParameterCount(definition).ToString("N0", Invariant));
        summary.AddRow("Weights", ModelDescription.Storage(definition));
        summary.AddRow("Task", metadata.Task.ToString().ToLowerInvariant());
        summary.AddRow("Sample period", metadata.SamplePeriodSeconds > 0
            ? string.Create(Invariant, $"{metadata.SamplePeriodSeconds:G6} s ({1 / metadata.SamplePeriodSeconds:G4} Hz)")
            : "unknown");
        summary.AddRow("Features", metadata.FeatureNames.Count > 0 ? Markup.Escape(string.Join(", ", metadata.FeatureNames)) : "unnamed");
        summary.AddRow("Targets", metadata.TargetChannels.Count > 0 ? Markup.Escape(string.Join(", ", metadata.TargetChannels.Select(c => ChannelName(metadata, c)))) : "none");
        console.Write(summary);

        console.Write(LayerTable(definition));
        WriteNormalization(console, "Input normalisation", definition.InputNormalization, i => ChannelName(metadata, i));
        WriteNormalization(console, "Output normalisation", definition.OutputNormalization, i => i < metadata.TargetChannels.Count ? "ŷ " + ChannelName(metadata, metadata.TargetChannels[i]) : "y" + i.ToString(Invariant));
        WriteScoring(console, definition);
        WriteDetector(console, definition);
        if (metadata.Properties.Count > 0)
        {
            var properties = new Table().AddColumns("Property", "Value");
            foreach (var (key, value) in metadata.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                properties.AddRow(Markup.Escape(key), Markup.Escape(value));
            }

            console.Write(properties);
        }
    }

    private static Table LayerTable(ModelDefinition definition)
    {
        var table = new Table().AddColumns("Layer", "Kind", "Input", "Hidden/Output", "Parameters", "Weights", "Bytes");
        for (int k = 0; k < definition.Layers.Count; k++)
        {
            var layer = definition.Layers[k];
            table.AddRow(
                k.ToString(Invariant),
                Markup.Escape(ModelDescription.KindName(layer.Kind)),
                layer.InputSize.ToString(Invariant),
                layer.IsBidirectional ? $"2×{layer.HiddenSize.ToString(Invariant)} (bidirectional)" : layer.HiddenSize.ToString(Invariant),
                ModelDescription.ParameterCount(layer).ToString("N0", Invariant),
                ModelDescription.Storage(layer.WeightIh),
                ((layer.IsBidirectional ? 2 : 1) * (StorageBytes(layer.WeightIh) + StorageBytes(layer.WeightHh) + (4L * (layer.BiasIh.Length + layer.BiasHh.Length)))).ToString("N0", Invariant));
        }

        if (definition.Decoder is { } decoder)
        {
            for (int k = 0; k < decoder.Layers.Count; k++)
            {
                var layer = decoder.Layers[k];
                table.AddRow(
                    "decoder " + k.ToString(Invariant),
                    Markup.Escape(ModelDescription.KindName(layer.Kind)),
                    layer.InputSize.ToString(Invariant),
                    layer.HiddenSize.ToString(Invariant),
                    ModelDescription.ParameterCount(layer).ToString("N0", Invariant),
                    ModelDescription.Storage(layer.WeightIh),
                    (StorageBytes(layer.WeightIh) + StorageBytes(layer.WeightHh) + (4L * (layer.BiasIh.Length + layer.BiasHh.Length))).ToString("N0", Invariant));
            }

            foreach (var (name, matrix) in ModelDescription.AttentionMatrices(decoder))
            {
                table.AddRow(name, "Attention", matrix.Cols.ToString(Invariant), matrix.Rows.ToString(Invariant), ((long)matrix.Rows * matrix.Cols).ToString("N0", Invariant), ModelDescription.Storage(matrix), StorageBytes(matrix).ToString("N0", Invariant));
            }

            if (decoder.Attention == AttentionKind.Additive)
            {
                table.AddRow("attention.v.weight", "Attention", decoder.AttentionSize.ToString(Invariant), "1", decoder.AttentionSize.ToString("N0", Invariant), "float32", (4L * decoder.AttentionSize).ToString("N0", Invariant));
            }
        }

        var head = definition.Head;
        table.AddRow(
            "head",
            "Dense",
            head.InputSize.ToString(Invariant),
            head.OutputSize.ToString(Invariant),
            ModelDescription.ParameterCount(head).ToString("N0", Invariant),
            ModelDescription.Storage(head.Weight),
            (StorageBytes(head.Weight) + (4L * head.Bias.Length)).ToString("N0", Invariant));
        return table;
    }

    private static long StorageBytes(WeightMatrix matrix) =>
        matrix.IsQuantized ? ((long)matrix.Rows * matrix.Cols) + (4L * matrix.Rows) : 4L * matrix.Rows * matrix.Cols;

    private static void WriteNormalization(IAnsiConsole console, string title, ChannelNormalization normalization, Func<int, string> name)
    {
        if (normalization.IsIdentity)
        {
            console.WriteLine($"{title}: identity ({normalization.Count} channels)");
            return;
        }

        var table = new Table().Title(title).AddColumns("Channel", "Mean", "Std");
        for (int i = 0; i < normalization.Count; i++)
        {
            table.AddRow(Markup.Escape(name(i)), normalization.Mean[i].ToString("G7", Invariant), normalization.Std[i].ToString("G7", Invariant));
        }

        console.Write(table);
    }

    private static void WriteDetector(IAnsiConsole console, ModelDefinition definition)
    {
        if (definition.Detector is not { } d)
        {
            return;
        }

        var l = d.Likelihood;
        var table = new Table().Title("Detector").AddColumns("Setting", "Value");
        table.AddRow("Forecasters", string.Create(Invariant, $"{d.Members.Count + 1} ({Markup.Escape(ModelDescription.Architecture(definition))} each, {ModelDescription.ParameterCount(definition) * (d.Members.Count + 1):N0} parameters in all); the error is taken against their mean forecast"));
        table.AddRow("Inputs", d.TimeOfDay ? "the channels, then the time of day (sin, cos) of each sample's timestamp" : "the channels");
        table.AddRow("Error", l.ChannelError == Runtime.Model.ChannelErrorKind.RootMeanSquare ? "root-mean-square of |x − ŷ| / std over the channels" : "mean of |x − ŷ| / std over the channels");
        table.AddRow("Likelihood", l.Baseline == Runtime.Model.LikelihoodBaseline.TrainingMaximum
            ? string.Create(Invariant, $"recent error (mean of {l.ShortWindow} samples) / {(l.ReferenceMaximum > 0 ? $"the control limit's base {l.ReferenceMaximum:G6} (stored)" : $"the largest recent error of samples {l.SkipRows}-{l.FreezeAfterRows}")} = r, score r / (1 + r); from sample {l.SkipRows + 1}")
            : string.Create(Invariant, $"HTM anomaly likelihood: recent error (mean of {l.ShortWindow} samples) against a Gaussian of the last {l.LongWindow}; scores after {l.SkipRows} + {l.MinimumHistory} samples"));
        if (l.Baseline == Runtime.Model.LikelihoodBaseline.RollingGaussian)
        {
            table.AddRow("Value check", l.ValueWindow > 0 ? string.Create(Invariant, $"|x − mean| / std of the last {l.ValueWindow} values (mean of {l.ValueShortWindow}), the larger score kept") : "off");
            table.AddRow("Spatial check", l.SpatialTolerance > 0 ? string.Create(Invariant, $"a value {l.SpatialTolerance:G3} × the range outside the range of the last {l.SpatialWindow} samples scores 1") : "off");
            table.AddRow("Hold-off", l.SuppressionRows > 0 ? string.Create(Invariant, $"{l.SuppressionRows} samples × {l.SuppressionFactor:G3} after a score ≥ {l.SuppressionLevel:G3}") : "off");
        }

        table.AddRow("Alarm threshold", d.Threshold.ToString("G6", Invariant));
        table.AddRow("Change points", d.ChangePoints is { } c ? string.Create(Invariant, $"mean error of the last {c.RecentRows} samples ≥ {c.Ratio:G3} × or ≤ 1/{c.Ratio:G3} × the mean of the {c.ReferenceRows} before") : "off");
        console.Write(table);
    }

    private static void WriteScoring(IAnsiConsole console, ModelDefinition definition)
    {
        var scoring = definition.Scoring;
        if (!scoring.IsEnabled)
        {
            console.WriteLine(definition.Detector is null ? "Scoring: off" : "Scoring: by the detector below");
            return;
        }

        var table = new Table().Title("Scoring").AddColumns("Setting", "Value");
        table.AddRow("Long window", string.Create(Invariant, $"{scoring.LongWindow} steps"));
        table.AddRow("Short window", string.Create(Invariant, $"{scoring.ShortWindow} steps"));
        table.AddRow("Threshold", scoring.Threshold.ToString("G6", Invariant));
        table.AddRow("Error std", string.Join(", ", scoring.ErrorStd.Select(s => s.ToString("G6", Invariant))));
        console.Write(table);
    }

    private static string ChannelName(ModelMetadata metadata, int channel) =>
        channel < metadata.FeatureNames.Count ? metadata.FeatureNames[channel] : "x" + channel.ToString(Invariant);
}
