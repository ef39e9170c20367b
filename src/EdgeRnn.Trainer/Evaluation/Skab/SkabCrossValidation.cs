namespace EdgeRnn.Trainer.Evaluation.Skab;

/// <summary>
/// Leave-one-group-out for SKAB's outlier task: for each group of files (the folder a file lies in: valve1, valve2,
/// other, …), the alarm ratio is chosen on the other groups alone (the best F1 whose FAR stays within
/// <see cref="FalseAlarmBudget"/>; the lowest FAR when none does), and the left-out group is scored at that ratio. What the
/// left-out groups score predicts what a group never tuned on will score.
/// </summary>
internal static class SkabCrossValidation
{
    /// <summary>The FAR a chosen ratio may cost on the groups it is chosen on.</summary>
    public const double FalseAlarmBudget = 0.15;

    /// <summary>The ratios to the control limit tried (score r/(1 + r)).</summary>
    public static IReadOnlyList<double> Ratios { get; } = [1.25, 1.5, 1.75, 2, 2.5, 3, 4];

    /// <summary>The group of a file: the name of the folder it lies in.</summary>
    public static string GroupOf(string name) => Path.GetFileName(Path.GetDirectoryName(name)) ?? string.Empty;

    /// <param name="names">Each file's path relative to the benchmark's root.</param>
    /// <param name="scores">Each file's test scores (the rows after training).</param>
    /// <param name="labels">Each file's test labels.</param>
    /// <param name="scoreOfRatio">The score of a ratio to the control limit.</param>
    /// <returns>The folds, or none when the files hold fewer than two groups.</returns>
    public static SkabCrossValidationResult Run(IReadOnlyList<string> names, IReadOnlyList<double[]> scores, IReadOnlyList<bool[]> labels, Func<double, double> scoreOfRatio)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scoreOfRatio);
        var groups = names.Select(GroupOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var folds = new List<SkabFoldResult>();
        if (groups.Count >= 2)
        {
            foreach (var group in groups)
            {
                var inside = Enumerable.Range(0, names.Count).Where(i => GroupOf(names[i]) == group).ToList();
                var outside = Enumerable.Range(0, names.Count).Where(i => GroupOf(names[i]) != group).ToList();
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
