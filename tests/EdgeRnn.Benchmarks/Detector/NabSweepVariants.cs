using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Evaluation.Detector;
using EdgeRnn.Training.Evaluation.Nab;

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

    private static LikelihoodParameters Timed(DetectorConfiguration configuration, NabCorpusFile file) =>
        configuration.LikelihoodFor(SamplingPeriod.Measure(file.Data.Timestamps, file.ProbationLength));
}
