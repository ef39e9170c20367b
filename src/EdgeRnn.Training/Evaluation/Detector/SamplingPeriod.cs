namespace EdgeRnn.Training.Evaluation.Detector;

/// <summary>
/// The sampling period of a recording, measured on its leading rows as the median step between consecutive timestamps.
/// Steps of zero or less (repeated timestamps, a clock that stepped back) are left out, so they do not bend the figure.
/// </summary>
internal static class SamplingPeriod
{
    /// <summary>The median positive step between the timestamps of rows [0, rows); null when there is none.</summary>
    public static TimeSpan? Measure(IReadOnlyList<DateTime> timestamps, int rows)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        int n = Math.Min(rows, timestamps.Count);
        var steps = new List<long>(Math.Max(0, n - 1));
        for (int i = 1; i < n; i++)
        {
            long ticks = (timestamps[i] - timestamps[i - 1]).Ticks;
            if (ticks > 0)
            {
                steps.Add(ticks);
            }
        }

        if (steps.Count == 0)
        {
            return null;
        }

        steps.Sort();
        return TimeSpan.FromTicks(steps[steps.Count / 2]);
    }
}
