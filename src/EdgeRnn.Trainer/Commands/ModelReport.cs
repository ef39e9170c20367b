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
                layer.HiddenSize.ToString(Invariant),
                ModelDescription.ParameterCount(layer).ToString("N0", Invariant),
                ModelDescription.Storage(layer.WeightIh),
                (StorageBytes(layer.WeightIh) + StorageBytes(layer.WeightHh) + (4L * (layer.BiasIh.Length + layer.BiasHh.Length))).ToString("N0", Invariant));
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

    private static void WriteScoring(IAnsiConsole console, ModelDefinition definition)
    {
        var scoring = definition.Scoring;
        if (!scoring.IsEnabled)
        {
            console.WriteLine("Scoring: off");
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
