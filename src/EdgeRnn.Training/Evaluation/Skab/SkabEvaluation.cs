using EdgeRnn.Training.Evaluation.Nab;

namespace EdgeRnn.Training.Evaluation.Skab;

/// <summary>
/// SKAB's two tasks over a set of files, from the alarms a detector raised on each file's test part: the outlier task
/// (point-wise F1, FAR, MAR on <c>anomaly</c>, counts summed over files) and the changepoint task (NAB-style score on
/// <c>changepoint</c>, summed over files then normalised) with the detector's own change points, or, when it gives none,
/// change points where the alarm state changes (SKAB's convention for outlier detectors).
/// </summary>
internal static class SkabEvaluation
{
    public static SkabResult Score(IReadOnlyList<SkabFileOutcome> files, TimeSpan? windowWidth = null, SkabWindowPlacement placement = SkabWindowPlacement.Right)
    {
        ArgumentNullException.ThrowIfNull(files);
        var width = windowWidth ?? SkabChangepointWindows.DefaultWidth;
        var outlier = default(ConfusionCounts);
        var perProfile = NabCostProfile.All.ToDictionary(p => p.Name, _ => new List<SkabNabScore>(), StringComparer.Ordinal);
        foreach (var file in files)
        {
            outlier += ConfusionCounts.FromPredictions(file.Alarms, file.Anomaly);
            var windows = SkabChangepointWindows.Build(file.Timestamps, file.Changepoint, width, placement);
            var predicted = file.PredictedChangepoints ?? SkabChangepointScorer.ChangepointsFromAlarms(file.Alarms);
            if (predicted.Length != file.Timestamps.Length)
            {
                throw new ArgumentException($"expected one predicted change point flag per row of {file.Name} ({file.Timestamps.Length}), found {predicted.Length}", nameof(files));
            }

            foreach (var profile in NabCostProfile.All)
            {
                perProfile[profile.Name].Add(SkabChangepointScorer.ScoreFile(file.Timestamps, predicted, windows, profile));
            }
        }

        var changepoint = NabCostProfile.All.Select(p => SkabNabScore.Sum(p, perProfile[p.Name])).ToList();
        return new SkabResult(outlier, changepoint);
    }
}

/// <summary>
/// A detector's alarms on the test part of one SKAB file, with that part's labels, and optionally the detector's own
/// change points (null: where the alarm state changes).
/// </summary>
internal sealed record SkabFileOutcome(string Name, DateTime[] Timestamps, bool[] Alarms, bool[] Anomaly, bool[] Changepoint, bool[]? PredictedChangepoints = null);

/// <summary>SKAB's figures: the outlier task's summed counts and the changepoint task's score per NAB profile.</summary>
internal sealed record SkabResult(ConfusionCounts Outlier, IReadOnlyList<SkabNabScore> Changepoint);
