using EdgeRnn.Training.Evaluation.Nab;

namespace EdgeRnn.Trainer.Tests.Evaluation.Nab;

public sealed class NabScorerTests
{
    // 100 rows: the first 15 are probationary; one window of rows 40..49 (W = 10).
    private static NabScoringFile OneWindow(params int[] detections)
    {
        var scores = new double[100];
        foreach (var row in detections)
        {
            scores[row] = 1.0;
        }

        return NabScoringFile.Create("test/one.csv", scores, [(40, 49)]);
    }

    [Theory]
    [InlineData(100, 15)]
    [InlineData(4032, 604)]
    [InlineData(1243, 186)]
    [InlineData(5000, 750)]
    [InlineData(15902, 750)]
    public void ProbationLengthOf_RowCount_IsFifteenPercentAtMost750(int rows, int expected)
    {
        Assert.Equal(expected, NabScoringFile.ProbationLengthOf(rows));
    }

    [Fact]
    public void ScaledSigmoid_KeyPositions_MatchTheFormula()
    {
        Assert.Equal(0.0, NabScaledSigmoid.Evaluate(0.0), 15);
        Assert.Equal((2.0 / (1.0 + Math.Exp(-5.0))) - 1.0, NabScaledSigmoid.LeftEdge, 15);
        Assert.Equal(-NabScaledSigmoid.LeftEdge, NabScaledSigmoid.Evaluate(1.0), 15);
        Assert.Equal((2.0 / (1.0 + Math.Exp(15.0))) - 1.0, NabScaledSigmoid.Evaluate(3.0), 15);
        Assert.Equal(-1.0, NabScaledSigmoid.Evaluate(3.0001));
    }

    [Fact]
    public void Score_DetectionAtLeftEdge_EarnsTheFullTruePositiveWeight()
    {
        var result = NabScorer.Score(OneWindow(40), NabCostProfile.Standard, 0.5);

        Assert.Equal(1.0, result.Score, 12);
        Assert.Equal(1, result.TruePositives);
        Assert.Equal(9, result.FalseNegatives);
        Assert.Equal(1, result.DetectedWindows);
    }

    [Fact]
    public void Score_DetectionLaterInWindow_EarnsTheScaledSigmoid()
    {
        // Row 45 of window 40..49: position −(49 − 45 + 1)/10 = −0.5.
        var result = NabScorer.Score(OneWindow(45), NabCostProfile.Standard, 0.5);

        double expected = ((2.0 / (1.0 + Math.Exp(-2.5))) - 1.0) / ((2.0 / (1.0 + Math.Exp(-5.0))) - 1.0);
        Assert.Equal(expected, result.Score, 12);
    }

    [Fact]
    public void Score_SeveralDetectionsInWindow_OnlyTheEarliestCounts()
    {
        var result = NabScorer.Score(OneWindow(42, 43, 47), NabCostProfile.Standard, 0.5);
        var earliest = NabScorer.Score(OneWindow(42), NabCostProfile.Standard, 0.5);

        Assert.Equal(earliest.Score, result.Score, 15);
        Assert.Equal(3, result.TruePositives);
    }

    [Fact]
    public void Score_NoDetection_CostsTheFalseNegativeWeight()
    {
        Assert.Equal(-1.0, NabScorer.Score(OneWindow(), NabCostProfile.Standard, 0.5).Score, 15);
        Assert.Equal(-2.0, NabScorer.Score(OneWindow(), NabCostProfile.RewardLowFalseNegatives, 0.5).Score, 15);
    }

    [Fact]
    public void Score_FalsePositiveBeforeFirstWindow_CostsTheFullFalsePositiveWeight()
    {
        var result = NabScorer.Score(OneWindow(20, 40), NabCostProfile.RewardLowFalsePositives, 0.5);

        Assert.Equal(1.0 - 0.22, result.Score, 12);
        Assert.Equal(1, result.FalsePositives);
    }

    [Fact]
    public void Score_FalsePositiveAfterWindow_IsChargedBySigmoidOfDistance()
    {
        // Row 58 is 9 rows after the window's last row 49: position 9/(10 − 1) = 1.
        var near = NabScorer.Score(OneWindow(40, 50), NabCostProfile.Standard, 0.5);
        var oneWidth = NabScorer.Score(OneWindow(40, 58), NabCostProfile.Standard, 0.5);
        var far = NabScorer.Score(OneWindow(40, 90), NabCostProfile.Standard, 0.5);

        double sigmoidNear = (2.0 / (1.0 + Math.Exp(5.0 / 9.0))) - 1.0;
        Assert.Equal(1.0 + (0.11 * sigmoidNear), near.Score, 12);
        Assert.Equal(1.0 - (0.11 * NabScaledSigmoid.LeftEdge), oneWidth.Score, 12);
        Assert.Equal(1.0 - 0.11, far.Score, 12);
    }

    [Fact]
    public void Score_DetectionsInProbation_AreIgnored()
    {
        var result = NabScorer.Score(OneWindow(0, 5, 14), NabCostProfile.Standard, 0.5);

        Assert.Equal(-1.0, result.Score, 15);
        Assert.Equal(0, result.FalsePositives);
        Assert.Equal(85 - 10, result.TrueNegatives);
    }

    [Fact]
    public void Score_WindowInsideProbation_IsNotScored()
    {
        var file = NabScoringFile.Create("test/early.csv", new double[100], [(2, 6), (40, 49)]);

        var result = NabScorer.Score(file, NabCostProfile.Standard, 0.5);

        Assert.Equal(1, file.ScorableWindowCount);
        Assert.Equal(2, file.LabelledWindowCount);
        Assert.Equal(-1.0, result.Score, 15);
    }

    [Fact]
    public void Score_ThresholdEqualToScore_IsADetection()
    {
        var scores = new double[100];
        scores[40] = 0.25;
        var file = NabScoringFile.Create("test/equal.csv", scores, [(40, 49)]);

        Assert.Equal(1, NabScorer.Score(file, NabCostProfile.Standard, 0.25).TruePositives);
        Assert.Equal(0, NabScorer.Score(file, NabCostProfile.Standard, Math.BitIncrement(0.25)).TruePositives);
    }

    [Fact]
    public void Create_WindowBoundNotARow_ThrowsNamingTheFileAndWindow()
    {
        var timestamps = Enumerable.Range(0, 10).Select(i => new DateTime(2014, 1, 1).AddMinutes(5 * i)).ToArray();
        var window = new NabWindow(new DateTime(2014, 1, 1, 0, 7, 0), new DateTime(2014, 1, 1, 0, 20, 0));

        var e = Assert.ThrowsAny<Exception>(() => NabScoringFile.Create("cat/file.csv", timestamps, new double[10], [window]));

        Assert.Contains("cat/file.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("2014-01-01 00:07:00", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NaNScore_ThrowsNamingTheRow()
    {
        var scores = new double[100];
        scores[42] = double.NaN;

        var e = Assert.Throws<ArgumentException>(() => NabScoringFile.Create("c/nan.csv", scores, [(40, 49)]));

        Assert.Contains("NaN at row 42", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50, 40)]
    [InlineData(90, 100)]
    [InlineData(10, 45)]
    public void Create_BadWindowRows_Throws(int start, int end)
    {
        Assert.Throws<ArgumentException>(() => NabScoringFile.Create("c/bad.csv", new double[100], [(40, 49), (start, end)]));
    }
}
