using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Trainer.Evaluation.Detector;
using EdgeRnn.Trainer.Evaluation.Nab;

namespace EdgeRnn.Benchmarks.Detector;

/// <summary>The likelihood variants <see cref="NabSweep"/> scores; each gets the file so it can derive settings from it.</summary>
internal static class NabSweepVariants
{
    public static IEnumerable<(string Name, Func<NabCorpusFile, LikelihoodParameters> Parameters)> All()
    {
        var rows = LikelihoodParameters.Default;
        var configuration = DetectorConfiguration.Default;
        yield return ("time (the default)", f => Timed(configuration, f));
        yield return ("rows", _ => rows);

    }

    /// <summary>The median positive step between the probation rows' timestamps.</summary>
    public static TimeSpan Period(NabCorpusFile file)
    {
        var t = file.Data.Timestamps;
        int n = Math.Min(t.Length, Math.Max(file.ProbationLength, 10));
        var steps = new List<double>();
        for (int i = 1; i < n; i++)
        {
            double s = (t[i] - t[i - 1]).TotalSeconds;
            if (s > 0)
            {
                steps.Add(s);
            }
        }

        steps.Sort();
        return steps.Count == 0 ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(steps[steps.Count / 2]);
    }

    private static LikelihoodParameters Timed(DetectorConfiguration configuration, NabCorpusFile file) =>
        configuration.LikelihoodFor(SamplingPeriod.Measure(file.Data.Timestamps, file.ProbationLength));
}
