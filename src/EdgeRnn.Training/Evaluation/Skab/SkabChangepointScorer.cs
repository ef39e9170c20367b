using EdgeRnn.Training.Evaluation.Nab;

namespace EdgeRnn.Training.Evaluation.Skab;

/// <summary>
/// SKAB's NAB-style score of the changepoint task (waico/SKAB core/metrics.py from waico/tsad: chp_score with
/// metric="nab", scale_func="improved"), for NAB's three profiles.
/// </summary>
/// <remarks>
/// Per file, with predicted changepoints p (rows flagged 1) and windows [s, e] (<see cref="SkabChangepointWindows"/>):
/// - a window holding no prediction (s ≤ t ≤ e) is missed and adds −A_FN;
/// - a window holding predictions adds the value of its first one at relative position r = (t − s)/(e − s):
///   y(k) = A_TP − (A_TP + A_FP)·(1 + tanh(x_k)/tanh(π/2))/2 with x_k = −π/2 + k·π/999 and k = min(⌊1000·r⌋, 999),
///   which is A_TP at the window's start and −A_FP at its end (TSAD's "improved" scale with koef = 1);
/// - every prediction outside all windows adds −A_FP, whatever its distance;
/// - the file's null score is −A_FN·(windows) and its perfect score A_TP·(windows).
/// Scores, null and perfect scores are summed over files and normalised once: 100·(S − S_null)/(S_perfect − S_null).
/// No probationary period: SKAB scores only the test part of each file (after the first 400 rows).
/// </remarks>
internal static class SkabChangepointScorer
{
    private const int Detail = 1000;

    /// <summary>Scores one file for one profile.</summary>
    public static SkabNabScore ScoreFile(IReadOnlyList<DateTime> timestamps, IReadOnlyList<bool> predicted, IReadOnlyList<(DateTime Start, DateTime End)> windows, NabCostProfile profile)
    {
        if (timestamps.Count != predicted.Count)
        {
            throw new ArgumentException($"expected one prediction per timestamp ({timestamps.Count}), found {predicted.Count}", nameof(predicted));
        }

        double score = 0;
        var firstInWindow = new DateTime?[windows.Count];
        int falsePositives = 0;
        for (int i = 0; i < timestamps.Count; i++)
        {
            if (!predicted[i])
            {
                continue;
            }

            var t = timestamps[i];
            bool inside = false;
            for (int w = 0; w < windows.Count; w++)
            {
                if (t >= windows[w].Start && t <= windows[w].End)
                {
                    inside = true;
                    firstInWindow[w] ??= t;
                }
            }

            if (!inside)
            {
                falsePositives++;
            }
        }

        score -= profile.FalsePositiveWeight * falsePositives;
        int detected = 0;
        for (int w = 0; w < windows.Count; w++)
        {
            if (firstInWindow[w] is { } t)
            {
                score += Scale(windows[w].Start, t, windows[w].End, profile);
                detected++;
            }
            else
            {
                score -= profile.FalseNegativeWeight;
            }
        }

        return new SkabNabScore(
            profile,
            score,
            -profile.FalseNegativeWeight * windows.Count,
            profile.TruePositiveWeight * windows.Count,
            windows.Count,
            detected,
            falsePositives);
    }

    /// <summary>The value of a first detection at <paramref name="t"/> in the window [start, end].</summary>
    public static double Scale(DateTime start, DateTime t, DateTime end, NabCostProfile profile)
    {
        double span = (end - start).Ticks;
        double relative = span > 0 ? (t - start).Ticks / span : 0.0;
        int k = Math.Min((int)(relative * Detail), Detail - 1);
        double x = (-Math.PI / 2) + (k * Math.PI / (Detail - 1));
        double aTp = profile.TruePositiveWeight;
        double aFp = -profile.FalsePositiveWeight;
        return ((aTp - aFp) / 2 * -1 * Math.Tanh(x) / Math.Tanh(Math.PI / 2)) + ((aTp - aFp) / 2) + aFp;
    }

    /// <summary>
    /// SKAB's predicted changepoints from point-wise alarms: a changepoint wherever the alarm state changes
    /// (|a[i] − a[i−1]|), and at the first row when it is an alarm (SKAB's scripts: <c>abs(prediction.diff())</c>).
    /// </summary>
    public static bool[] ChangepointsFromAlarms(IReadOnlyList<bool> alarms)
    {
        var changepoints = new bool[alarms.Count];
        for (int i = 0; i < alarms.Count; i++)
        {
            changepoints[i] = i == 0 ? alarms[0] : alarms[i] != alarms[i - 1];
        }

        return changepoints;
    }
}

/// <summary>A SKAB changepoint score: the raw score and its null and perfect bounds (summable over files).</summary>
internal sealed record SkabNabScore(NabCostProfile Profile, double Score, double NullScore, double PerfectScore, int Windows, int DetectedWindows, int FalsePositives)
{
    /// <summary>100·(S − S_null)/(S_perfect − S_null); NaN without windows.</summary>
    public double Normalized => PerfectScore > NullScore ? 100.0 * (Score - NullScore) / (PerfectScore - NullScore) : double.NaN;

    /// <summary>Sums files' scores for one profile, as SKAB does before normalising.</summary>
    public static SkabNabScore Sum(NabCostProfile profile, IEnumerable<SkabNabScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        double score = 0, nullScore = 0, perfect = 0;
        int windows = 0, detected = 0, falsePositives = 0;
        foreach (var s in scores)
        {
            score += s.Score;
            nullScore += s.NullScore;
            perfect += s.PerfectScore;
            windows += s.Windows;
            detected += s.DetectedWindows;
            falsePositives += s.FalsePositives;
        }

        return new SkabNabScore(profile, score, nullScore, perfect, windows, detected, falsePositives);
    }
}
