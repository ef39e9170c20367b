using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Evaluation.Detector;

/// <summary>
/// Fits the likelihood's windows to a stream. They are row counts written for one kind of recording (NAB's: 5-minute rows
/// and a 750-row training part), and they are sample sizes first: an average over 35 errors, a Gaussian over 4320 of them.
/// So a stream keeps them as written, whatever its clock, unless it is both sampled slower than the written period and
/// trained on fewer rows than written: then they shrink by the larger of the two ratios (an hourly recording with 240
/// training rows gets 240/750 of each window, not 1/12). They never grow: a 1-second stream keeps 4320 rows, not 60 times
/// as many. The counts tied to the protocol rather than to the stream (rows skipped, history needed, frozen reference
/// rows) stay as they are. Chosen on NAB's left-out categories and on copies of its files at other sampling periods with
/// as many rows (docs/detector.md).
/// </summary>
internal static class LikelihoodTiming
{
    /// <summary>The fewest rows in a moving average, so that a short window still averages a few errors.</summary>
    public const int MinimumShortWindow = 3;

    /// <summary>
    /// The share of each written window a stream keeps, in (0, 1]: 1 unless the stream is sampled slower than
    /// <paramref name="writtenPeriod"/> and trained on fewer than <paramref name="writtenTrainingRows"/> rows, then the
    /// larger of the two ratios. An unknown period (no timestamps) or no written training length keeps the windows.
    /// </summary>
    public static double Factor(TimeSpan writtenPeriod, int writtenTrainingRows, TimeSpan? period, int trainingRows)
    {
        if (writtenPeriod <= TimeSpan.Zero || period is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), $"expected positive sampling periods, found {writtenPeriod} and {period}");
        }

        if (period is not { } measured || writtenTrainingRows <= 0)
        {
            return 1;
        }

        double slower = writtenPeriod / measured;
        double shorter = Math.Max(1, trainingRows) / (double)writtenTrainingRows;
        return Math.Min(1, Math.Max(slower, shorter));
    }

    /// <summary>The parameters with every stream-dependent window scaled by <paramref name="factor"/> (in (0, 1]).</summary>
    public static LikelihoodParameters Scaled(LikelihoodParameters parameters, double factor)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(factor > 0 && factor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "expected a factor in (0, 1]");
        }

        int Rows(int rows, int minimum) => rows <= 0 ? rows : (int)Math.Max(Math.Round(rows * factor), minimum);
        return parameters with
        {
            ShortWindow = Rows(parameters.ShortWindow, Math.Min(MinimumShortWindow, parameters.ShortWindow)),
            ValueShortWindow = Rows(parameters.ValueShortWindow, Math.Min(MinimumShortWindow, parameters.ValueShortWindow)),
            LongWindow = Rows(parameters.LongWindow, parameters.MinimumHistory),
            ValueWindow = Rows(parameters.ValueWindow, 10),
            SpatialWindow = Rows(parameters.SpatialWindow, 10),
            SuppressionRows = Rows(parameters.SuppressionRows, 1),
        };
    }
}
