using EdgeRnn.Training.Evaluation.Nab;
using EdgeRnn.Training.Evaluation.Nab.Reference;
using Xunit.Abstractions;

namespace EdgeRnn.Trainer.Tests.Evaluation.Nab;

public sealed class NabFullCorpusReferenceTests
{
    private readonly ITestOutputHelper _output;

    public NabFullCorpusReferenceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [NabCorpusFact]
    public void Run_PublishedTablesOfTheCorpus_EveryComparedRowMatches()
    {
        var root = NabCorpusFactAttribute.Root;
        var report = NabReferenceCheck.Run(root, Path.Combine(root, "reference"));

        foreach (var (detector, profile, compared, matched, skipped) in report.Summary())
        {
            _output.WriteLine($"{detector}/{profile}: {matched}/{compared} matched, {skipped} not compared");
        }

        foreach (var miss in report.Mismatches)
        {
            var a = miss.Actual!;
            var e = miss.Expected;
            _output.WriteLine($"MISMATCH {e.Detector}/{e.Profile}/{e.File}: expected {e.Score:R} {e.TruePositives}/{e.TrueNegatives}/{e.FalsePositives}/{e.FalseNegatives}/{e.TotalCount}, got {a.Score:R} {a.TruePositives}/{a.TrueNegatives}/{a.FalsePositives}/{a.FalseNegatives}/{a.TotalCount}");
        }

        Assert.True(report.ComparedCount > 0);
        Assert.Equal(report.ComparedCount, report.MatchedCount);
    }

    [NabCorpusFact]
    public void Score_NumentaOnTheCorpus_NormalisesAsTheDataReadmeStates()
    {
        // ../shared/data/README.md: Numenta HTM on the subset, published thresholds, 83 windows: 71.4 / 64.2 / 75.3.
        var root = NabCorpusFactAttribute.Root;
        var windowsPath = Path.Combine(root, "labels", "combined_windows.json");
        var windows = NabLabelsReader.ReadWindows(windowsPath);
        var thresholds = NabThresholdsReader.Read(Path.Combine(root, "config", "thresholds.json"))["numenta"];
        var files = windows.Keys.Order(StringComparer.Ordinal).Select(key =>
        {
            var series = NabFileReader.ReadResults(NabReferenceCheck.FindResults(Path.Combine(root, "reference"), "numenta", key)!);
            return NabScoringFile.Create(key, series.Timestamps, series.AnomalyScores!, windows[key]);
        }).ToList();
        var expected = new Dictionary<string, double> { ["standard"] = 71.4, ["reward_low_FP_rate"] = 64.2, ["reward_low_FN_rate"] = 75.3 };

        foreach (var profile in NabCostProfile.All)
        {
            var published = NabCorpusScorer.Score(files, profile, thresholds[profile.Name]);
            var swept = NabCorpusScorer.Score(files, profile);
            var twiddle = NabTwiddleOptimizer.Optimize(t => files.Sum(f => NabScorer.Score(f, profile, t).Score));
            _output.WriteLine($"{profile.Name}: published θ={published.Threshold:R} raw={published.RawScore:F4} NAB={published.NormalizedScore:F2}; "
                + $"sweep θ={swept.Threshold:R} raw={swept.RawScore:F4} NAB={swept.NormalizedScore:F2}; twiddle θ={twiddle.Threshold:R} raw={twiddle.Score:F4}; windows={published.WindowCount}");
            Assert.Equal(expected[profile.Name], Math.Round(published.NormalizedScore, 1));
            Assert.True(swept.RawScore >= published.RawScore - 1e-9);
        }
    }
}
