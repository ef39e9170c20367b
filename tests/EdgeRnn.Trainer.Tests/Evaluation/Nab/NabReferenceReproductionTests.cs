using EdgeRnn.Training.Evaluation.Nab;
using EdgeRnn.Training.Evaluation.Nab.Reference;

namespace EdgeRnn.Trainer.Tests.Evaluation.Nab;

/// <summary>The scorer reproduces NAB's published per-file raw scores of the Numenta HTM detector exactly.</summary>
public sealed class NabReferenceReproductionTests
{
    public static TheoryData<string, string> FilesAndProfiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in NabTestData.Files)
        {
            foreach (var profile in NabCostProfile.All)
            {
                data.Add(file, profile.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FilesAndProfiles))]
    public void Score_NumentaRowsAtPublishedThreshold_EqualsPublishedRawScoreAndCounts(string fileKey, string profileName)
    {
        var profile = NabProfilesReader.Read(NabTestData.Profiles).Single(p => p.Name == profileName);
        double threshold = NabThresholdsReader.Read(NabTestData.Thresholds)["numenta"][profileName];
        var expected = NabReferenceRow.ReadTable(Path.Combine(NabTestData.Reference, $"numenta_{profileName}_scores.csv"))
            .Single(r => r.File == fileKey);
        var series = NabFileReader.ReadResults(NabTestData.NumentaResults(fileKey));
        var windows = NabLabelsReader.FindWindows(NabLabelsReader.ReadWindows(NabTestData.Windows), fileKey, NabTestData.Windows);
        var file = NabScoringFile.Create(fileKey, series.Timestamps, series.AnomalyScores!, windows);

        var actual = NabScorer.Score(file, profile, threshold);

        Assert.Equal(expected.Score, NabReferenceRow.RoundTo12Digits(actual.Score));
        Assert.Equal(expected.TruePositives, actual.TruePositives);
        Assert.Equal(expected.TrueNegatives, actual.TrueNegatives);
        Assert.Equal(expected.FalsePositives, actual.FalsePositives);
        Assert.Equal(expected.FalseNegatives, actual.FalseNegatives);
        Assert.Equal(expected.TotalCount, actual.TotalCount);
    }

    [Fact]
    public void Run_TestDataExtract_EveryNumentaNullAndWindowedGaussianRowMatches()
    {
        var report = NabReferenceCheck.Run(NabTestData.Root, NabTestData.Reference);

        Assert.Equal(45, report.Comparisons.Count);
        Assert.Equal(45, report.ComparedCount);
        Assert.Equal(45, report.MatchedCount);
        Assert.Empty(report.Mismatches);
        Assert.Contains("numenta/standard: 5/5 rows reproduced exactly", report.Describe());
    }

    [Fact]
    public void IsReproducedBy_ScoreAtAnotherThreshold_IsFalse()
    {
        const string fileKey = "realAdExchange/exchange-3_cpc_results.csv";
        var expected = NabReferenceRow.ReadTable(Path.Combine(NabTestData.Reference, "numenta_standard_scores.csv")).Single(r => r.File == fileKey);
        var series = NabFileReader.ReadResults(NabTestData.NumentaResults(fileKey));
        var windows = NabLabelsReader.FindWindows(NabLabelsReader.ReadWindows(NabTestData.Windows), fileKey, NabTestData.Windows);
        var file = NabScoringFile.Create(fileKey, series.Timestamps, series.AnomalyScores!, windows);

        var actual = NabScorer.Score(file, NabCostProfile.Standard, 0.3);

        Assert.False(expected.IsReproducedBy(actual));
    }
}
