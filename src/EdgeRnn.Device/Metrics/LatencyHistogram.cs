namespace EdgeRnn.Device.Metrics;

/// <summary>
/// A Prometheus histogram of step latencies with fixed buckets from 1 µs to 10 ms (1, 2.5, 5 per decade) and +Inf.
/// Observing is lock-free and allocation-free (one Interlocked increment and one add); any thread may observe.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>The bucket upper bounds, in <see cref="TimeSpan"/> ticks (100 ns), ascending; +Inf is implied.</summary>
    public static readonly long[] UpperBoundTicks = [10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000];

    private readonly long[] _counts = new long[UpperBoundTicks.Length + 1];
    private long _sumTicks;

    /// <summary>Counts one observation.</summary>
    /// <param name="latency">The duration; negative values count as zero.</param>
    public void Observe(TimeSpan latency)
    {
        long ticks = Math.Max(0, latency.Ticks);
        var bounds = UpperBoundTicks;
        int bucket = 0;
        while (bucket < bounds.Length && ticks > bounds[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Add(ref _sumTicks, ticks);
    }

    /// <summary>Reads the buckets as cumulative counts (the last is the +Inf bucket, equal to the total count).</summary>
    /// <param name="cumulative">At least <see cref="UpperBoundTicks"/>.Length + 1 values.</param>
    /// <returns>The sum of all observations, in seconds.</returns>
    public double Snapshot(Span<long> cumulative)
    {
        long running = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            running += Interlocked.Read(ref _counts[i]);
            cumulative[i] = running;
        }

        return Interlocked.Read(ref _sumTicks) / (double)TimeSpan.TicksPerSecond;
    }
}
