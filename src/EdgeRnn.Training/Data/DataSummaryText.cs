using System.Globalization;

namespace EdgeRnn.Training.Data;

/// <summary>A plain-text rendering of a <see cref="DataSummary"/>, one line per fact, for logs and simple consoles.</summary>
internal static class DataSummaryText
{
    /// <summary>Renders a summary.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>Lines without line breaks.</returns>
    public static IEnumerable<string> Lines(DataSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"{summary.Files.Count} file(s), {summary.Rows} rows, {summary.UsableRows} usable, {summary.CarriedCells} cells carried, {summary.DroppedRows} rows dropped, {summary.Gaps} break(s); {summary.TrainSteps} training and {summary.ValidationSteps} validation steps.");
        if (summary.SamplePeriodSeconds > 0)
        {
            yield return string.Create(c, $"Sample period {summary.SamplePeriodSeconds:G4} s (median).");
        }

        foreach (var f in summary.Files)
        {
            yield return string.Create(c, $"  {f.Path}: {f.Rows} rows, {f.UsableRows} usable, {f.MissingCells} missing cells, {f.CarriedCells} carried, {f.DroppedRows} dropped, {f.Gaps} gap(s), {f.TimeBreaks} time break(s); train {f.TrainSteps}, validate {f.ValidationSteps}.{(f.Clock is null ? string.Empty : " Rows kept in file order; " + f.Clock + ".")}");
        }

        foreach (var ch in summary.Channels)
        {
            yield return string.Create(c, $"  {ch.Name}: mean {ch.Mean:G5}, std {ch.Std:G5}, min {ch.Min:G5}, max {ch.Max:G5}{(ch.IsConstant ? " (constant)" : string.Empty)}");
        }

        foreach (var cl in summary.Classes)
        {
            yield return string.Create(c, $"  class {cl.Name}: {cl.TrainSteps} training and {cl.ValidationSteps} validation steps");
        }

        foreach (string warning in summary.Warnings)
        {
            yield return "Warning: " + warning;
        }
    }
}
