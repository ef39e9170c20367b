using EdgeRnn.Training.Evaluation;

namespace EdgeRnn.Trainer.Tests.Evaluation;

public sealed class ConfusionCountsTests
{
    [Fact]
    public void FromPredictions_SmallCase_CountsAndMetricsByHand()
    {
        bool[] predicted = [true, true, false, false, true, false];
        bool[] labels = [true, false, true, false, true, false];

        var c = ConfusionCounts.FromPredictions(predicted, labels);

        Assert.Equal(new ConfusionCounts(2, 1, 2, 1), c);
        Assert.Equal(2.0 / 3, c.Precision, 15);
        Assert.Equal(2.0 / 3, c.Recall, 15);
        Assert.Equal(2.0 / 3, c.F1, 15);
        Assert.Equal(1.0 / 3, c.FalseAlarmRate, 15);
        Assert.Equal(1.0 / 3, c.MissedAlarmRate, 15);
    }

    [Fact]
    public void Sum_TwoFiles_MetricsComeFromTheSummedCountsAsInSkab()
    {
        var a = new ConfusionCounts(TruePositives: 1, FalsePositives: 0, TrueNegatives: 9, FalseNegatives: 0);
        var b = new ConfusionCounts(TruePositives: 0, FalsePositives: 1, TrueNegatives: 6, FalseNegatives: 3);

        var total = ConfusionCounts.Sum([a, b]);

        // SKAB: F1 = TP / (TP + (FN + FP) / 2) = 1 / (1 + 2) on the sums; the mean of the files' F1 would be 0.5.
        Assert.Equal(1.0 / 3, total.F1, 15);
        Assert.Equal(1.0 / 16, total.FalseAlarmRate, 15);
        Assert.Equal(3.0 / 4, total.MissedAlarmRate, 15);
    }

    [Fact]
    public void FromScores_ScoreEqualToThresholdOrNaN_DetectsOnlyTheEqualScore()
    {
        float[] scores = [0.5f, float.NaN, 0.49f];
        bool[] labels = [true, true, false];

        var c = ConfusionCounts.FromScores(scores, 0.5, labels);

        Assert.Equal(new ConfusionCounts(1, 0, 1, 1), c);
    }

    [Fact]
    public void Metrics_NoPositivesNoPredictions_AreZeroNotNaN()
    {
        var c = new ConfusionCounts(0, 0, 10, 0);

        Assert.Equal(0.0, c.F1);
        Assert.Equal(0.0, c.Precision);
        Assert.Equal(0.0, c.MissedAlarmRate);
        Assert.Equal(0.0, c.FalseAlarmRate);
    }

    [Fact]
    public void FromPredictions_LengthsDiffer_ThrowsWithBothLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => ConfusionCounts.FromPredictions(new bool[3], new bool[4]));

        Assert.Contains("4 labels", e.Message, StringComparison.Ordinal);
        Assert.Contains("found 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BestF1_SmallCase_PicksTheThresholdByHand()
    {
        // θ = 0.9: F1 2/3; 0.8: 1/2; 0.3: TP 2, FP 1 → 0.8; 0.2: 2/3.
        float[] scores = [0.9f, 0.8f, 0.3f, 0.2f];
        bool[] labels = [true, false, true, false];

        var (threshold, counts) = PointwiseThreshold.BestF1([(scores, labels)]);

        Assert.Equal(0.3f, threshold);
        Assert.Equal(0.8, counts.F1, 12);
    }
}
