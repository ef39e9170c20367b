namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// Scores a corpus for one profile: one θ for every file (given, or chosen by <see cref="NabThresholdSweep"/>), the raw
/// score S as the sum of the files' scores, and the normalised score 100·(S − S_null)/(S_perfect − S_null), where
/// S_null is the null detector's raw score (every scored window missed) and S_perfect = A_TP · (labelled windows), as
/// in NAB's runner.normalize.
/// </summary>
internal static class NabCorpusScorer
{
    public static NabCorpusResult Score(IReadOnlyList<NabScoringFile> files, NabCostProfile profile, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        double theta = threshold ?? NabThresholdSweep.Run(files, profile).Threshold;
        var scores = new List<NabFileScore>(files.Count);
        double raw = 0;
        double nullScore = 0;
        int windows = 0;
        foreach (var file in files)
        {
            var score = NabScorer.Score(file, profile, theta);
            scores.Add(score);
            raw += score.Score;
            nullScore -= profile.FalseNegativeWeight * file.ScorableWindowCount;
            windows += file.LabelledWindowCount;
        }

        double perfect = profile.TruePositiveWeight * windows;
        double normalized = perfect > nullScore ? 100.0 * (raw - nullScore) / (perfect - nullScore) : double.NaN;
        return new NabCorpusResult(profile, theta, raw, nullScore, perfect, normalized, windows, scores);
    }
}

/// <summary>A corpus's NAB result for one profile.</summary>
/// <param name="Profile">The profile scored.</param>
/// <param name="Threshold">The θ used for every file.</param>
/// <param name="RawScore">S, the sum of the files' raw scores.</param>
/// <param name="NullScore">S_null, the raw score of a detector that never detects.</param>
/// <param name="PerfectScore">S_perfect = A_TP · windows.</param>
/// <param name="NormalizedScore">100·(S − S_null)/(S_perfect − S_null); NaN when the corpus has no window.</param>
/// <param name="WindowCount">The labelled windows of the corpus.</param>
/// <param name="Files">Each file's result at θ.</param>
internal sealed record NabCorpusResult(
    NabCostProfile Profile,
    double Threshold,
    double RawScore,
    double NullScore,
    double PerfectScore,
    double NormalizedScore,
    int WindowCount,
    IReadOnlyList<NabFileScore> Files);
