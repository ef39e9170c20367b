namespace EdgeRnn.Training.Evaluation;

/// <summary>
/// Point-wise counts of detections against labels, and the metrics of <c>edgernn eval</c> and SKAB's outlier task.
/// A row is a detection when its score is at or above the threshold (NAB's rule); a NaN score is never a detection.
/// </summary>
/// <remarks>
/// SKAB (waico/SKAB core/metrics.py, chp_score with metric="binary") sums TP, TN, FP and FN over all files first and
/// computes the metrics once from the sums; <see cref="op_Addition"/> and <see cref="Sum"/> do the same.
/// F1 = TP / (TP + (FP + FN)/2) (= 2·P·R/(P + R)), FAR = FP/(FP + TN), MAR = FN/(FN + TP). A metric whose
/// denominator is zero is reported as 0.
/// </remarks>
internal readonly record struct ConfusionCounts(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    public long Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double F1 => Ratio(2 * TruePositives, (2 * TruePositives) + FalsePositives + FalseNegatives);

    /// <summary>False alarm rate FP / (FP + TN), in [0, 1].</summary>
    public double FalseAlarmRate => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    /// <summary>Missed alarm rate FN / (FN + TP), in [0, 1].</summary>
    public double MissedAlarmRate => Ratio(FalseNegatives, FalseNegatives + TruePositives);

    public static ConfusionCounts operator +(ConfusionCounts a, ConfusionCounts b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.TrueNegatives + b.TrueNegatives, a.FalseNegatives + b.FalseNegatives);

    public static ConfusionCounts Add(ConfusionCounts a, ConfusionCounts b) => a + b;

    /// <summary>Sums counts over files, as SKAB does before computing its metrics.</summary>
    public static ConfusionCounts Sum(IEnumerable<ConfusionCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = default(ConfusionCounts);
        foreach (var c in counts)
        {
            total += c;
        }

        return total;
    }

    /// <summary>Counts predictions against labels, row by row.</summary>
    public static ConfusionCounts FromPredictions(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> labels)
    {
        CheckLengths(predicted.Length, labels.Length);
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (predicted[i])
            {
                if (labels[i])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }
            else if (labels[i])
            {
                fn++;
            }
            else
            {
                tn++;
            }
        }

        return new ConfusionCounts(tp, fp, tn, fn);
    }

    /// <summary>Counts detections (score ≥ <paramref name="threshold"/>) against labels, row by row.</summary>
    public static ConfusionCounts FromScores(ReadOnlySpan<float> scores, double threshold, ReadOnlySpan<bool> labels)
    {
        CheckLengths(scores.Length, labels.Length);
        var predicted = new bool[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            predicted[i] = scores[i] >= threshold;
        }

        return FromPredictions(predicted, labels);
    }

    private static void CheckLengths(int predictions, int labels)
    {
        if (predictions != labels)
        {
            throw new ArgumentException($"expected one prediction per label ({labels} labels), found {predictions}");
        }
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0.0 : (double)numerator / denominator;
}
