using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Evaluation.Detector;
using EdgeRnn.Training.Evaluation.Nab;

namespace EdgeRnn.Benchmarks.Detector;

/// <summary>The likelihood variants <see cref="NabSweep"/> scores; each gets the file so it can derive settings from it.</summary>
internal static class NabSweepVariants
{
    private static readonly TimeSpan Written = TimeSpan.FromMinutes(5);

    public static IEnumerable<(string Name, Func<NabCorpusFile, LikelihoodParameters> Parameters)> All()
    {
        var rows = LikelihoodParameters.Default;
        var configuration = DetectorConfiguration.Default;
        yield return ("the default", f => configuration.LikelihoodFor(Period(f), f.ProbationLength));
        yield return ("rows", _ => rows);
        yield return ("time (session 6: 5-minute rows rescaled to the period, at most x10)", f => Scaled(rows, Math.Min(10, TimeFactor(f)), grow: true));
    }

    private static double TimeFactor(NabCorpusFile file) =>
        Period(file) is { } period ? Written / period : 1;

    private static LikelihoodParameters Scaled(LikelihoodParameters rows, double factor, bool grow = false)
    {
        if (!grow || factor <= 1)
        {
            return LikelihoodTiming.Scaled(rows, factor);
        }

        int Rows(int n) => n <= 0 ? n : (int)Math.Round(n * factor);
        return rows with
        {
            ShortWindow = Rows(rows.ShortWindow),
            ValueShortWindow = Rows(rows.ValueShortWindow),
            LongWindow = Rows(rows.LongWindow),
            ValueWindow = Rows(rows.ValueWindow),
            SpatialWindow = Rows(rows.SpatialWindow),
            SuppressionRows = Rows(rows.SuppressionRows),
        };
    }

    private static TimeSpan? Period(NabCorpusFile file) => SamplingPeriod.Measure(file.Data.Timestamps, file.ProbationLength);
}
