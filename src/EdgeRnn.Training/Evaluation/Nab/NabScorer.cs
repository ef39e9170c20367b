namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>Scores one file at one threshold with NAB's rules (a row is a detection when its score ≥ θ).</summary>
internal static class NabScorer
{
    public static NabFileScore Score(NabScoringFile file, NabCostProfile profile, double threshold)
    {
        var best = new double[file.LabelledWindowCount];
        var detected = new bool[file.LabelledWindowCount];
        double falsePositiveScore = 0;
        int tp = 0, tn = 0, fp = 0, fn = 0;
        for (int i = file.ProbationLength; i < file.RowCount; i++)
        {
            bool detection = file.Scores[i] >= threshold;
            int window = file.RowWindow[i];
            if (window >= 0)
            {
                if (!detection)
                {
                    fn++;
                    continue;
                }

                tp++;
                double value = file.DetectionValue(i, profile);
                if (!detected[window] || value > best[window])
                {
                    best[window] = value;
                    detected[window] = true;
                }
            }
            else if (detection)
            {
                fp++;
                falsePositiveScore += file.DetectionValue(i, profile);
            }
            else
            {
                tn++;
            }
        }

        // Summed as NAB's scorer does: true positives, then false positives, then missed windows.
        double truePositiveScore = 0;
        double falseNegativeScore = 0;
        int detectedWindows = 0;
        for (int k = 0; k < best.Length; k++)
        {
            if (!file.WindowScorable[k])
            {
                continue;
            }

            if (detected[k])
            {
                truePositiveScore += best[k];
                detectedWindows++;
            }
            else
            {
                falseNegativeScore -= profile.FalseNegativeWeight;
            }
        }

        double score = truePositiveScore + falsePositiveScore + falseNegativeScore;
        return new NabFileScore(file.Name, threshold, score, tp, tn, fp, fn, file.RowCount, detectedWindows, file.ScorableWindowCount);
    }
}
