namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// Chooses one threshold for a whole corpus and profile by exhaustive sweep: every distinct anomaly score of a scored
/// row is tried as θ (a row is a detection when its score ≥ θ), plus "no detection at all", and the θ with the highest
/// corpus raw score wins (the highest such θ on a tie). This is the sweep of NAB's sweeper.calcScoreByThreshold over
/// the pooled rows of all files; NAB's published thresholds came from a local search instead
/// (<see cref="NabTwiddleOptimizer"/>), which can stop slightly short of the best θ.
/// </summary>
internal static class NabThresholdSweep
{
    /// <summary>The θ reported when no detection at all scores best: above every score in [0, 1].</summary>
    public const double NoDetectionThreshold = 1.1;

    public static NabSweepResult Run(IReadOnlyList<NabScoringFile> files, NabCostProfile profile)
    {
        int rowCount = 0;
        int windowCount = 0;
        foreach (var file in files)
        {
            rowCount += file.RowCount - file.ProbationLength;
            windowCount += file.LabelledWindowCount;
        }

        var keys = new double[rowCount];
        var values = new double[rowCount];
        var windows = new int[rowCount];
        int r = 0;
        int windowOffset = 0;
        double score = 0;
        foreach (var file in files)
        {
            for (int i = file.ProbationLength; i < file.RowCount; i++)
            {
                keys[r] = -file.Scores[i];
                values[r] = file.DetectionValue(i, profile);
                windows[r] = file.RowWindow[i] >= 0 ? windowOffset + file.RowWindow[i] : -1;
                r++;
            }

            for (int k = 0; k < file.LabelledWindowCount; k++)
            {
                if (file.WindowScorable[k])
                {
                    score -= profile.FalseNegativeWeight;
                }
            }

            windowOffset += file.LabelledWindowCount;
        }

        var order = new int[rowCount];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        var windowValue = new double[windowCount];
        Array.Fill(windowValue, -profile.FalseNegativeWeight);
        double bestScore = score;
        double bestThreshold = NoDetectionThreshold;
        int candidates = 1;
        int j = 0;
        while (j < rowCount)
        {
            double threshold = -keys[j];
            while (j < rowCount && -keys[j] == threshold)
            {
                int row = order[j];
                int window = windows[row];
                if (window < 0)
                {
                    score += values[row];
                }
                else if (values[row] > windowValue[window])
                {
                    score += values[row] - windowValue[window];
                    windowValue[window] = values[row];
                }

                j++;
            }

            candidates++;
            if (score > bestScore)
            {
                bestScore = score;
                bestThreshold = threshold;
            }
        }

        return new NabSweepResult(profile, bestThreshold, bestScore, candidates);
    }
}

/// <summary>The outcome of a threshold sweep: the chosen θ, the corpus raw score it gives, how many θ were tried.</summary>
internal sealed record NabSweepResult(NabCostProfile Profile, double Threshold, double RawScore, int CandidateCount);
