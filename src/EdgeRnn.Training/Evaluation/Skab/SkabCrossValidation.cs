namespace EdgeRnn.Training.Evaluation.Skab;

/// <summary>
/// Leave-one-group-out for SKAB's outlier task: for each group of files (valve1, valve2, other, …; see
/// <see cref="SkabGroups"/>), the alarm ratio is chosen on the other groups alone (the best F1 whose FAR stays within
/// <see cref="FalseAlarmBudget"/>; the lowest FAR when none does), and the left-out group is scored at that ratio. What the
/// left-out groups score predicts what a group never tuned on will score.
/// </summary>
internal static class SkabCrossValidation
{
    /// <summary>The FAR a chosen ratio may cost on the groups it is chosen on.</summary>
    public const double FalseAlarmBudget = 0.15;

    /// <summary>The ratios to the control limit tried (score r/(1 + r)).</summary>
    public static IReadOnlyList<double> Ratios { get; } = [1.25, 1.5, 1.75, 2, 2.5, 3, 4];

    /// <param name="groups">Each file's group.</param>
    /// <param name="scores">Each file's test scores (the rows after training).</param>
    /// <param name="labels">Each file's test labels.</param>
    /// <param name="scoreOfRatio">The score of a ratio to the control limit.</param>
    /// <returns>The folds, or none when the files hold fewer than two groups.</returns>
    public static SkabCrossValidationResult Run(IReadOnlyList<string> groups, IReadOnlyList<double[]> scores, IReadOnlyList<bool[]> labels, Func<double, double> scoreOfRatio)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scoreOfRatio);
        var names = groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var folds = new List<SkabFoldResult>();
        if (names.Count >= 2)
        {
            foreach (var group in names)
            {
                var inside = Enumerable.Range(0, groups.Count).Where(i => groups[i] == group).ToList();
                var outside = Enumerable.Range(0, groups.Count).Where(i => groups[i] != group).ToList();
                var candidates = Ratios.Select(r => (Ratio: r, Counts: Counts(outside, scores, labels, scoreOfRatio(r)))).ToList();
                var within = candidates.Where(c => c.Counts.FalseAlarmRate <= FalseAlarmBudget).ToList();
                var chosen = within.Count > 0 ? within.MaxBy(c => c.Counts.F1) : candidates.MinBy(c => c.Counts.FalseAlarmRate);
                folds.Add(new SkabFoldResult(group, chosen.Ratio, Counts(inside, scores, labels, scoreOfRatio(chosen.Ratio))));
            }
        }

        return new SkabCrossValidationResult(folds, ConfusionCounts.Sum(folds.Select(f => f.LeftOut)));
    }

    private static ConfusionCounts Counts(List<int> files, IReadOnlyList<double[]> scores, IReadOnlyList<bool[]> labels, double threshold) =>
        ConfusionCounts.Sum(files.Select(i => ConfusionCounts.FromPredictions(scores[i].Select(s => s >= threshold).ToArray(), labels[i])));
}

/// <summary>One fold: the group left out, the ratio chosen on the others, and the left-out group's counts at it.</summary>
internal sealed record SkabFoldResult(string Group, double Ratio, ConfusionCounts LeftOut);

/// <summary>The folds and the left-out groups' counts summed.</summary>
internal sealed record SkabCrossValidationResult(IReadOnlyList<SkabFoldResult> Folds, ConfusionCounts Pooled);
