using EdgeRnn.Training.Evaluation;
using EdgeRnn.Training.Evaluation.Skab;

namespace EdgeRnn.Trainer.Tests.Evaluation.Skab;

public sealed class SkabCrossValidationTests
{
    private static double Score(double ratio) => ratio / (1 + ratio);

    [Fact]
    public void Run_EachGroup_IsScoredAtTheRatioChosenOnTheOthers()
    {
        // valve1 separates at ratios between 1.5 and 3 (normal rows at ratio 1.4, anomalies at 3.5); valve2's normal rows
        // reach 2.2, so only ratios >= 2.5 keep its FAR in budget, and valve1 is scored at the smallest such ratio.
        var names = new[] { "valve1", "valve2" };
        var labels = new[] { Labels(), Labels() };
        var scores = new[] { Scores(1.4, 3.5), Scores(2.2, 3.5) };

        var result = SkabCrossValidation.Run(names, scores, labels, Score);

        Assert.Equal(["valve1", "valve2"], result.Folds.Select(f => f.Group));
        Assert.Equal(2.5, result.Folds[0].Ratio);
        Assert.Equal(1.5, result.Folds[1].Ratio);
        Assert.Equal(0, result.Folds[0].LeftOut.FalsePositives);
        Assert.Equal(10, result.Folds[1].LeftOut.FalsePositives);
        Assert.Equal(result.Folds[0].LeftOut + result.Folds[1].LeftOut, result.Pooled);
    }

    [Fact]
    public void Run_OneGroup_HasNoFolds()
    {
        var result = SkabCrossValidation.Run(["valve1", "valve1"], [Scores(1, 3), Scores(1, 3)], [Labels(), Labels()], Score);

        Assert.Empty(result.Folds);
        Assert.Equal(default(ConfusionCounts), result.Pooled);
    }

    private static bool[] Labels() => [.. Enumerable.Range(0, 20).Select(i => i >= 10)];

    private static double[] Scores(double normalRatio, double anomalyRatio) => [.. Enumerable.Range(0, 20).Select(i => Score(i >= 10 ? anomalyRatio : normalRatio))];
}
