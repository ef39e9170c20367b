using EdgeRnn.Training.Evaluation.Nab;

namespace EdgeRnn.Trainer.Tests.Evaluation.Nab;

public sealed class NabCrossValidationTests
{
    [Theory]
    [InlineData("realTweets/Twitter_volume_FB.csv", "realTweets")]
    [InlineData("artificialNoAnomaly/art_flatline.csv", "artificial")]
    [InlineData("artificialWithAnomaly/art_daily_jumpsup.csv", "artificial")]
    [InlineData("plain.csv", "")]
    public void CategoryOf_Key_IsItsFolder_WithTheArtificialFoldersAsOne(string key, string expected)
    {
        Assert.Equal(expected, NabCrossValidation.CategoryOf(key));
    }

    [Fact]
    public void Run_EachFold_IsScoredAtTheThresholdSweptOnTheOtherCategories()
    {
        // Category a flags its windows at 0.9, category b at 0.6 with false alarms at 0.7: each fold's θ comes from the other.
        var files = new List<NabScoringFile>
        {
            File("a/1.csv", hit: 0.9, falseAlarm: 0),
            File("a/2.csv", hit: 0.9, falseAlarm: 0),
            File("b/1.csv", hit: 0.6, falseAlarm: 0.7),
            File("b/2.csv", hit: 0.6, falseAlarm: 0),
        };

        var result = NabCrossValidation.Run(files, NabCostProfile.Standard);

        Assert.Equal(["a", "b"], result.Folds.Select(f => f.Category));
        foreach (var fold in result.Folds)
        {
            var others = files.Where(f => NabCrossValidation.CategoryOf(f.Name) != fold.Category).ToList();
            var mine = files.Where(f => NabCrossValidation.CategoryOf(f.Name) == fold.Category).ToList();
            Assert.Equal(NabThresholdSweep.Run(others, NabCostProfile.Standard).Threshold, fold.Threshold);
            Assert.Equal(NabCorpusScorer.Score(mine, NabCostProfile.Standard, fold.Threshold).NormalizedScore, fold.LeftOut.NormalizedScore, 12);
        }

        Assert.Equal(result.Folds.Average(f => f.LeftOut.NormalizedScore), result.MeanLeftOut, 12);
        double raw = result.Folds.Sum(f => f.LeftOut.RawScore);
        double nul = result.Folds.Sum(f => f.LeftOut.NullScore);
        double perfect = result.Folds.Sum(f => f.LeftOut.PerfectScore);
        Assert.Equal(100 * (raw - nul) / (perfect - nul), result.PooledLeftOut, 12);

        // b's θ (swept on a) is above b's hits, so b's windows are missed; a's θ (swept on b) catches a's.
        Assert.Equal(0, result.Folds[1].LeftOut.Files.Sum(f => f.DetectedWindows));
        Assert.Equal(2, result.Folds[0].LeftOut.Files.Sum(f => f.DetectedWindows));
    }

    [Fact]
    public void Run_OneCategory_SaysThatFoldsNeedTwo()
    {
        var files = new List<NabScoringFile> { File("a/1.csv", 0.9, 0), File("a/2.csv", 0.9, 0) };

        var error = Assert.Throws<ArgumentException>(() => NabCrossValidation.Run(files, NabCostProfile.Standard));

        Assert.Contains("at least two categories", error.Message, StringComparison.Ordinal);
    }

    private static NabScoringFile File(string name, double hit, double falseAlarm)
    {
        var scores = new double[200];
        scores[100] = hit;
        scores[160] = falseAlarm;
        return NabScoringFile.Create(name, scores, [(95, 110)]);
    }
}
