namespace EdgeRnn.Training.Evaluation;

/// <summary>
/// Chooses the threshold that maximises point-wise F1 over one or more files, by exhaustive sweep over the distinct
/// scores (a row is a detection when its score ≥ θ). On a tie the highest θ (the fewest alarms) wins.
/// </summary>
internal static class PointwiseThreshold
{
    public static (double Threshold, ConfusionCounts Counts) BestF1(IReadOnlyList<(float[] Scores, bool[] Labels)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var rows = new List<(float Score, bool Label)>();
        long positives = 0;
        foreach (var (scores, labels) in files)
        {
            if (scores.Length != labels.Length)
            {
                throw new ArgumentException($"expected one score per label ({labels.Length} labels), found {scores.Length}", nameof(files));
            }

            for (int i = 0; i < scores.Length; i++)
            {
                if (!float.IsNaN(scores[i]))
                {
                    rows.Add((scores[i], labels[i]));
                }

                positives += labels[i] ? 1 : 0;
            }
        }

        long total = files.Sum(f => (long)f.Labels.Length);
        rows.Sort((a, b) => b.Score.CompareTo(a.Score));
        var best = new ConfusionCounts(0, 0, total - positives, positives);
        double bestThreshold = double.PositiveInfinity;
        long tp = 0, fp = 0;
        int j = 0;
        while (j < rows.Count)
        {
            float threshold = rows[j].Score;
            while (j < rows.Count && rows[j].Score == threshold)
            {
                tp += rows[j].Label ? 1 : 0;
                fp += rows[j].Label ? 0 : 1;
                j++;
            }

            var counts = new ConfusionCounts(tp, fp, total - positives - fp, positives - tp);
            if (counts.F1 > best.F1)
            {
                best = counts;
                bestThreshold = threshold;
            }
        }

        return (bestThreshold, best);
    }
}
