using EdgeRnn.Training.Evaluation.Nab;

namespace EdgeRnn.Training.Evaluation;

/// <summary>
/// The figures of <c>edgernn eval</c> for one stream: point-wise precision, recall, F1, FAR and MAR at a threshold
/// (given, or the one with the best F1), and, when NAB windows are given, the NAB score of each profile (at the given
/// threshold, or at the best one for that profile found by exhaustive sweep).
/// </summary>
internal static class LabelledScoreEvaluation
{
    public static LabelledScoreReport Evaluate(LabelledScores stream, IReadOnlyList<NabWindow>? windows, double? threshold)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (theta, counts) = threshold is { } given
            ? (given, ConfusionCounts.FromScores(stream.Scores, given, stream.Labels))
            : PointwiseThreshold.BestF1([(stream.Scores, stream.Labels)]);

        List<NabCorpusResult>? nab = null;
        if (windows is not null)
        {
            if (stream.Timestamps is null)
            {
                throw new ArgumentException($"{stream.Name}: expected timestamps to place the NAB windows, found no timestamp column", nameof(stream));
            }

            var file = NabScoringFile.Create(stream.Name, stream.Timestamps, Array.ConvertAll(stream.Scores, s => (double)s), windows);
            nab = [.. NabCostProfile.All.Select(profile => NabCorpusScorer.Score([file], profile, threshold))];
        }

        return new LabelledScoreReport(theta, threshold is null, counts, nab);
    }

    /// <summary>Labels derived from NAB windows: true for every row inside a window.</summary>
    public static bool[] LabelsFromWindows(IReadOnlyList<DateTime> timestamps, IReadOnlyList<NabWindow> windows)
    {
        var labels = new bool[timestamps.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            foreach (var w in windows)
            {
                if (timestamps[i] >= w.Start && timestamps[i] <= w.End)
                {
                    labels[i] = true;
                    break;
                }
            }
        }

        return labels;
    }
}

/// <summary>The result of <see cref="LabelledScoreEvaluation.Evaluate"/>.</summary>
/// <param name="Threshold">The point-wise threshold used.</param>
/// <param name="ThresholdChosen">True when it was chosen for the best F1, false when given.</param>
/// <param name="Counts">Point-wise counts at that threshold.</param>
/// <param name="Nab">NAB results per profile, or null without windows.</param>
internal sealed record LabelledScoreReport(double Threshold, bool ThresholdChosen, ConfusionCounts Counts, IReadOnlyList<NabCorpusResult>? Nab);
