using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Trainer.Evaluation.Nab;

namespace EdgeRnn.Benchmarks.Detector;

/// <summary>The likelihood variants <see cref="NabSweep"/> scores; each gets the file so it can derive settings from it.</summary>
internal static class NabSweepVariants
{
    public static IEnumerable<(string Name, Func<NabCorpusFile, LikelihoodParameters> Parameters)> All()
    {
        var rows = LikelihoodParameters.Default;
        yield return ("rows (the default)", _ => rows);
        yield return ("time: all windows", f => Timed(rows, f, 1.0, 1));
        yield return ("time^0.75", f => Timed(rows, f, 0.75, 1));
        yield return ("time^0.5", f => Timed(rows, f, 0.5, 1));
        yield return ("time, short >= 3", f => Timed(rows, f, 1.0, 3));
        yield return ("time, short >= 5", f => Timed(rows, f, 1.0, 5));
        yield return ("time, short >= 10", f => Timed(rows, f, 1.0, 10));
        yield return ("time, skip+history in time", f => Timed(rows, f, 1.0, 1) with { SkipRows = Math.Max(4, (int)(32 * 300 / Period(f).TotalSeconds)), MinimumHistory = Math.Max(10, (int)(50 * 300 / Period(f).TotalSeconds)) });
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

    private static LikelihoodParameters Timed(LikelihoodParameters p, NabCorpusFile file, double exponent, int shortFloor)
    {
        double k = Math.Pow(300.0 / Period(file).TotalSeconds, exponent);
        int Scale(int rowsAt5Minutes, int min) => Math.Max(min, (int)Math.Round(rowsAt5Minutes * k));
        return p with
        {
            ShortWindow = Scale(p.ShortWindow, shortFloor),
            ValueShortWindow = Scale(p.ValueShortWindow, shortFloor),
            LongWindow = Scale(p.LongWindow, p.MinimumHistory),
            ValueWindow = Scale(p.ValueWindow, 10),
            SpatialWindow = Scale(p.SpatialWindow, 10),
            SuppressionRows = Scale(p.SuppressionRows, 1),
        };
    }
}
