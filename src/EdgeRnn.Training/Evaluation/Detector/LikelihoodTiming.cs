using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Evaluation.Detector;

/// <summary>
/// Carries the likelihood's windows across sampling rates: its row counts are written for one sampling period (NAB's
/// 5 minutes), so each window spans a length of time; a recording sampled at another period gets the row counts that
/// span the same time. The counts tied to the protocol rather than to time (rows skipped, history needed, frozen
/// reference rows) stay as they are.
/// </summary>
internal static class LikelihoodTiming
{
    /// <summary>The fewest rows in a moving average, so that a short window still averages a few errors.</summary>
    public const int MinimumShortWindow = 3;

    /// <summary>
    /// The most the windows grow: a recording sampled faster than a tenth of the written period (e.g. 0.1 s against
    /// 5 minutes) gets windows ten times as long in rows, not as long in time, so that the history stays a few hundred
    /// kilobytes on a board instead of hundreds of megabytes.
    /// </summary>
    public const double MaximumFactor = 10;

    /// <summary>The parameters with every time window rescaled from <paramref name="writtenFor"/> to <paramref name="period"/>.</summary>
    public static LikelihoodParameters ForPeriod(LikelihoodParameters parameters, TimeSpan writtenFor, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (writtenFor <= TimeSpan.Zero || period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), $"expected positive sampling periods, found {writtenFor} and {period}");
        }

        double factor = Math.Min(writtenFor / period, MaximumFactor);
        int Rows(int rows, int minimum) => rows <= 0 ? rows : (int)Math.Clamp(Math.Round(rows * factor), minimum, int.MaxValue / 2);
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
