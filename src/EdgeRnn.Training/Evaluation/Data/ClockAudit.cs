using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Training.Evaluation.Data;

/// <summary>The runtime's <see cref="StreamClock"/> run over a file's timestamps in row order, for reports.</summary>
internal static class ClockAudit
{
    /// <summary>Observes every timestamp in order.</summary>
    /// <param name="timestamps">The rows' timestamps, in arrival order.</param>
    /// <returns>The clock after the last row: its counts and <see cref="StreamClock.Describe"/>.</returns>
    public static StreamClock Of(IEnumerable<DateTime> timestamps)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        var clock = new StreamClock();
        foreach (var t in timestamps)
        {
            clock.Observe(t);
        }

        return clock;
    }
}
