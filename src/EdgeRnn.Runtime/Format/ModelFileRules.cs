using System.Globalization;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Format;

/// <summary>
/// The checks on metadata and scoring that the model types leave open, shared by the writer (which refuses to write what
/// the reader would refuse) and the reader.
/// </summary>
internal static class ModelFileRules
{
    /// <summary>What is wrong with the metadata on its own, or null.</summary>
    public static string? MetadataProblem(ModelMetadata metadata)
    {
        if (!Enum.IsDefined(metadata.Task))
        {
            return Invariant($"Expected a task of 0 to 4 (Forecast, Classify, Label, Text, Reconstruct); found {(int)metadata.Task}.");
        }

        if (!double.IsFinite(metadata.SamplePeriodSeconds) || metadata.SamplePeriodSeconds < 0)
        {
            return Invariant($"Expected a finite, non-negative sample period in seconds; found {metadata.SamplePeriodSeconds}.");
        }

        if (metadata.Properties.Count > ModelFileLayout.MaxProperties)
        {
            return Invariant($"Expected at most {ModelFileLayout.MaxProperties} properties; found {metadata.Properties.Count}.");
        }

        return null;
    }

    /// <summary>What is wrong with the scoring parameters on their own, or null.</summary>
    public static string? ScoringProblem(ScoringParameters scoring)
    {
        if (scoring.LongWindow is < 0 or > ModelFileLayout.MaxScoringWindow)
        {
            return Invariant($"Expected a long scoring window in [0, {ModelFileLayout.MaxScoringWindow}] steps; found {scoring.LongWindow}.");
        }

        if (scoring.ShortWindow < 0 || scoring.ShortWindow > scoring.LongWindow)
        {
            return Invariant($"Expected a short scoring window in [0, {scoring.LongWindow}] (the long window); found {scoring.ShortWindow}.");
        }

        if (scoring.LongWindow > 0 && (scoring.LongWindow < 2 || scoring.ShortWindow < 1))
        {
            return Invariant($"Expected a long scoring window of at least 2 and a short one of at least 1 when scoring is on; found {scoring.LongWindow} and {scoring.ShortWindow}.");
        }

        if (!float.IsFinite(scoring.Threshold) || scoring.Threshold is < 0f or > 1f)
        {
            return Invariant($"Expected a scoring threshold in [0, 1]; found {scoring.Threshold}.");
        }

        for (int k = 0; k < scoring.ErrorStd.Count; k++)
        {
            float std = scoring.ErrorStd[k];
            if (!float.IsFinite(std) || std <= 0f)
            {
                return Invariant($"Expected finite, positive error standard deviations; found {std} for target {k}.");
            }
        }

        return null;
    }

    /// <summary>Checks that target channels and error stds, when given, have one entry per output.</summary>
    /// <exception cref="ArgumentException">They do not.</exception>
    public static void CheckScoringFits(ModelDefinition definition)
    {
        int outputs = definition.OutputSize;
        int targets = definition.Metadata.TargetChannels.Count;
        if (targets != 0 && targets != outputs)
        {
            throw new ArgumentException(Invariant($"Expected 0 or {outputs} target channels (one per output); found {targets}."), nameof(definition));
        }

        int stds = definition.Scoring.ErrorStd.Count;
        if (stds != 0 && stds != outputs)
        {
            throw new ArgumentException(Invariant($"Expected 0 or {outputs} scoring error stds (one per output); found {stds}."), nameof(definition));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
