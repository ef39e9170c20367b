using System.Globalization;

namespace EdgeRnn.Training.Calibration;

/// <summary>
/// The words and figures of a <see cref="QuantizationComparison"/>, shared by <c>edgernn train</c> and
/// <c>edgernn quantize --data</c> so that both report the same things the same way.
/// </summary>
internal static class QuantizationSummary
{
    /// <summary>The summary rows: output RMSE, and for a model with scoring the largest score change and the changed alarm decisions.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="part">What the compared steps are, e.g. "validation".</param>
    /// <returns>Name and value of each row.</returns>
    public static IReadOnlyList<(string Name, string Value)> Rows(QuantizationComparison comparison, string part)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var c = comparison;
        var rows = new List<(string, string)>
        {
            ("int8 vs float output RMSE", string.Create(CultureInfo.InvariantCulture, $"{c.OutputRmse:G4} (max {c.MaxOutputDifference:G4}) over {c.Steps} {part} steps")),
        };
        if (!double.IsNaN(c.MaxScoreChange))
        {
            rows.Add(("int8 largest score change", c.MaxScoreChange.ToString("G5", CultureInfo.InvariantCulture)));
            rows.Add(("int8 changed alarm decisions", string.Create(CultureInfo.InvariantCulture, $"{c.AlarmDecisionChanges} of {c.Steps} {part} steps")));
        }

        return rows;
    }

    /// <summary>The warnings: severe when int8 changes an alarm decision, mild when it changes the most likely class.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="part">What the compared steps are, e.g. "validation".</param>
    /// <param name="advice">What to do about a changed alarm decision, e.g. "consider --quantize none".</param>
    /// <returns>Each warning's text and whether it is severe.</returns>
    public static IReadOnlyList<(string Text, bool Severe)> Warnings(QuantizationComparison comparison, string part, string advice)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var c = comparison;
        var warnings = new List<(string, bool)>();
        if (c.AlarmDecisionChanges > 0)
        {
            warnings.Add(($"int8 changes the alarm decision at {c.AlarmDecisionChanges} of {c.Steps} {part} steps; {advice}.", true));
        }

        if (c.ClassDecisionChanges > 0)
        {
            warnings.Add(($"int8 changes the most likely class at {c.ClassDecisionChanges} of {c.Steps} {part} steps.", false));
        }

        return warnings;
    }
}
