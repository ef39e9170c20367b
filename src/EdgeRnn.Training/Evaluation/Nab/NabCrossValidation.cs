namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// Leave-one-category-out scoring of a corpus for one profile: for each category (a fold), θ is chosen by
/// <see cref="NabThresholdSweep"/> on the other categories only, and the left-out category is scored at that θ. What the
/// left-out categories score predicts what a category the detector was never tuned on will score; the in-sample figure
/// (one θ swept on every file) does not.
/// </summary>
/// <remarks>
/// A file's category is the folder of its key (<c>realTweets/Twitter_volume_FB.csv</c> → <c>realTweets</c>); NAB's
/// <c>artificialNoAnomaly</c> and <c>artificialWithAnomaly</c> are one category, <c>artificial</c> (the first has no
/// window, so it could not be normalised alone). The left-out figure is the mean of the folds' normalised scores; the
/// pooled figure sums the folds' raw, null and perfect scores before normalising, as one corpus score would.
/// </remarks>
internal static class NabCrossValidation
{
    /// <summary>The category of a file key: its folder, with NAB's two artificial folders as one.</summary>
    public static string CategoryOf(string key)
    {
        string folder = NabCorpusFile.FolderOf(key);
        return folder.StartsWith("artificial", StringComparison.Ordinal) ? "artificial" : folder;
    }

    /// <summary>Scores every category at the θ chosen on the others.</summary>
    /// <exception cref="ArgumentException">The files hold fewer than two categories.</exception>
    public static NabCrossValidationResult Run(IReadOnlyList<NabScoringFile> files, NabCostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(profile);
        var categories = files.Select(f => CategoryOf(f.Name)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (categories.Count < 2)
        {
            throw new ArgumentException($"expected files of at least two categories for leave-one-category-out, found {categories.Count}", nameof(files));
        }

        var folds = new List<NabFoldResult>(categories.Count);
        foreach (var category in categories)
        {
            var left = files.Where(f => CategoryOf(f.Name) == category).ToList();
            var rest = files.Where(f => CategoryOf(f.Name) != category).ToList();
            double theta = NabThresholdSweep.Run(rest, profile).Threshold;
            folds.Add(new NabFoldResult(category, theta, NabCorpusScorer.Score(left, profile, theta)));
        }

        double raw = folds.Sum(f => f.LeftOut.RawScore);
        double nullScore = folds.Sum(f => f.LeftOut.NullScore);
        double perfect = folds.Sum(f => f.LeftOut.PerfectScore);
        double pooled = perfect > nullScore ? 100.0 * (raw - nullScore) / (perfect - nullScore) : double.NaN;
        var scored = folds.Where(f => !double.IsNaN(f.LeftOut.NormalizedScore)).ToList();
        double mean = scored.Count > 0 ? scored.Average(f => f.LeftOut.NormalizedScore) : double.NaN;
        return new NabCrossValidationResult(profile, folds, mean, pooled);
    }
}

/// <summary>One fold: the category left out, the θ chosen on the others, and the left-out category's result at that θ.</summary>
internal sealed record NabFoldResult(string Category, double Threshold, NabCorpusResult LeftOut);

/// <summary>A profile's leave-one-category-out result: the folds, the mean of their normalised scores, the pooled score.</summary>
internal sealed record NabCrossValidationResult(NabCostProfile Profile, IReadOnlyList<NabFoldResult> Folds, double MeanLeftOut, double PooledLeftOut);
