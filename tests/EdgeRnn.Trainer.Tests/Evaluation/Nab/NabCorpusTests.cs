using EdgeRnn.Training.Evaluation.Nab;
using EdgeRnn.Training.Evaluation.Report;

namespace EdgeRnn.Trainer.Tests.Evaluation.Nab;

public sealed class NabCorpusTests
{
    [Fact]
    public void Load_PartialCorpus_KeepsFilesPresentAndListsTheMissing()
    {
        var root = Path.Combine(Path.GetTempPath(), "edgernn-corpus-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "labels"));
            Directory.CreateDirectory(Path.Combine(root, "data", "cat"));
            File.WriteAllText(Path.Combine(root, "labels", "combined_windows.json"), """
                { "cat/a.csv": [["2014-01-01 00:10:00.000000", "2014-01-01 00:15:00.000000"]], "cat/missing.csv": [] }
                """);
            var rows = Enumerable.Range(0, 20).Select(i => $"{new DateTime(2014, 1, 1).AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{i}\n");
            File.WriteAllText(Path.Combine(root, "data", "cat", "a.csv"), "timestamp,value\n" + string.Concat(rows));

            var corpus = NabCorpus.Load(root);

            var file = Assert.Single(corpus.Files);
            Assert.Equal("cat/a.csv", file.Key);
            Assert.Equal(["cat/missing.csv"], corpus.MissingDataFiles);
            Assert.Equal(20, file.Data.Timestamps.Length);
            Assert.Equal(3, file.ProbationLength);
            var scoring = file.WithScores(new double[20]);
            Assert.Equal(1, scoring.ScorableWindowCount);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Create_ScoredFile_PanelHasItsWindowsAsRowRanges()
    {
        var file = NabScoringFile.Create("c/f.csv", new double[100], [(20, 29), (30, 35), (60, 60)]);
        var score = NabScorer.Score(file, NabCostProfile.Standard, 0.5);

        var panel = NabReportPanels.Create(file, new double[100], score);

        Assert.Equal([(20, 29), (30, 35), (60, 60)], panel.Windows);
        Assert.Equal(15, panel.ProbationLength);
    }
}
