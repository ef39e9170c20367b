using EdgeRnn.Training.Evaluation.Nab;

namespace EdgeRnn.Trainer.Tests.Evaluation.Nab;

public sealed class NabCorpusScorerTests
{
    private static List<NabScoringFile> RandomCorpus(int seed)
    {
        var random = new Random(seed);
        var files = new List<NabScoringFile>();
        for (int f = 0; f < 4; f++)
        {
            int n = 200 + random.Next(200);
            var scores = new double[n];
            for (int i = 0; i < n; i++)
            {
                // Few distinct values so that ties are common.
                scores[i] = Math.Round(random.NextDouble(), 2);
            }

            int start = 60 + random.Next(40);
            files.Add(NabScoringFile.Create($"c/f{f}.csv", scores, [(start, start + 20), (start + 80, start + 95)]));
        }

        return files;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sweep_RandomCorpus_FindsTheBestOfEveryDistinctThreshold(int seed)
    {
        var files = RandomCorpus(seed);
        foreach (var profile in NabCostProfile.All)
        {
            var sweep = NabThresholdSweep.Run(files, profile);

            var candidates = files.SelectMany(f => f.Scores.Skip(f.ProbationLength)).Distinct().Append(NabThresholdSweep.NoDetectionThreshold);
            double best = candidates.Max(t => files.Sum(f => NabScorer.Score(f, profile, t).Score));
            double atSweep = files.Sum(f => NabScorer.Score(f, profile, sweep.Threshold).Score);
            Assert.Equal(best, sweep.RawScore, 9);
            Assert.Equal(best, atSweep, 9);
        }
    }

    [Fact]
    public void Score_PerfectAndNullDetectors_Normalise_To100And0()
    {
        var perfect = new double[100];
        perfect[40] = 1.0;
        perfect[70] = 1.0;
        var files = new[]
        {
            NabScoringFile.Create("c/perfect.csv", perfect, [(40, 49), (70, 75)]),
        };
        var none = new[] { NabScoringFile.Create("c/none.csv", new double[100], [(40, 49), (70, 75)]) };

        var best = NabCorpusScorer.Score(files, NabCostProfile.Standard);
        var nothing = NabCorpusScorer.Score(none, NabCostProfile.Standard, 0.5);

        Assert.Equal(100.0, best.NormalizedScore, 9);
        Assert.Equal(2.0, best.RawScore, 9);
        Assert.Equal(0.0, nothing.NormalizedScore, 9);
        Assert.Equal(-2.0, nothing.NullScore, 15);
    }

    [Fact]
    public void Score_HalfTheWindowsDetectedAtTheirLeftEdge_NormalisesToFifty()
    {
        // Four windows, two detected at their first row, no false positive: raw 2 − 2 = 0, null −4, perfect 4 → 50.
        var scores = new double[200];
        scores[40] = 1.0;
        scores[100] = 1.0;
        var file = NabScoringFile.Create("c/half.csv", scores, [(40, 49), (70, 79), (100, 109), (150, 159)]);

        var result = NabCorpusScorer.Score([file], NabCostProfile.Standard, 0.5);

        Assert.Equal(0.0, result.RawScore, 12);
        Assert.Equal(50.0, result.NormalizedScore, 9);
        Assert.Equal(4, result.WindowCount);
    }

    [Fact]
    public void Twiddle_StepObjective_ClimbsToTheBestPlateau()
    {
        static double Objective(double t) => t < 0.62 ? t : (t < 0.7 ? 2.0 : -1.0);

        var (threshold, score) = NabTwiddleOptimizer.Optimize(Objective);

        Assert.Equal(2.0, score);
        Assert.InRange(threshold, 0.62, 0.7);
    }
}
