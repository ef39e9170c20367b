using EdgeRnn.Trainer.Evaluation.Nab.Reference;
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
}
