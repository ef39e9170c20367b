namespace EdgeRnn.Training.Evaluation.Nab.Reference;

/// <summary>A published row next to the score this scorer gives the same per-row output at the same threshold.</summary>
/// <param name="Expected">The published row.</param>
/// <param name="Actual">This scorer's result, or null when the detector's per-row output is not available.</param>
/// <param name="Note">Why the row was not compared, when it was not.</param>
internal sealed record NabReferenceComparison(NabReferenceRow Expected, NabFileScore? Actual, string? Note)
{
    public bool Compared => Actual is not null;

    public bool Matches => Actual is not null && Expected.IsReproducedBy(Actual);
}

/// <summary>The outcome of a <see cref="NabReferenceCheck"/> run.</summary>
internal sealed record NabReferenceCheckReport(IReadOnlyList<NabReferenceComparison> Comparisons)
{
    public int ComparedCount => Comparisons.Count(c => c.Compared);

    public int MatchedCount => Comparisons.Count(c => c.Matches);

    public int SkippedCount => Comparisons.Count(c => !c.Compared);

    public IEnumerable<NabReferenceComparison> Mismatches => Comparisons.Where(c => c.Compared && !c.Matches);

    /// <summary>Compared and matched counts per detector and profile, e.g. <c>numenta/standard: 44/44</c>.</summary>
    public IEnumerable<(string Detector, string Profile, int Compared, int Matched, int Skipped)> Summary() =>
        Comparisons
            .GroupBy(c => (c.Expected.Detector, c.Expected.Profile))
            .OrderBy(g => g.Key.Detector, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Profile, StringComparer.Ordinal)
            .Select(g => (g.Key.Detector, g.Key.Profile, g.Count(c => c.Compared), g.Count(c => c.Matches), g.Count(c => !c.Compared)));

    /// <summary>The check as lines of text: one per detector and profile, then one per mismatch.</summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = new List<string>();
        foreach (var (detector, profile, compared, matched, skipped) in Summary())
        {
            lines.Add(FormattableString.Invariant($"{detector}/{profile}: {matched}/{compared} rows reproduced exactly{(skipped > 0 ? $", {skipped} not compared (no per-row output)" : string.Empty)}"));
        }

        foreach (var miss in Mismatches)
        {
            var e = miss.Expected;
            var a = miss.Actual!;
            lines.Add(FormattableString.Invariant(
                $"mismatch {e.Detector}/{e.Profile}/{e.File}: expected {e.Score:G12} TP {e.TruePositives} TN {e.TrueNegatives} FP {e.FalsePositives} FN {e.FalseNegatives}, found {a.Score:G12} TP {a.TruePositives} TN {a.TrueNegatives} FP {a.FalsePositives} FN {a.FalseNegatives}"));
        }

        return lines;
    }
}
