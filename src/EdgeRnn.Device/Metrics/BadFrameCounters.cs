namespace EdgeRnn.Device.Metrics;

/// <summary>
/// Bad-frame counts by reason (a small, fixed vocabulary such as "malformed", "channel_count", "crc"). Counting a known
/// reason is a lock-free scan and an Interlocked increment, allocation-free; the first sight of a new reason adds it once
/// under a lock (copy on write).
/// </summary>
internal sealed class BadFrameCounters
{
    private readonly Lock _gate = new();
    private Counter[] _counters = [];

    /// <summary>Counts bad frames.</summary>
    /// <param name="reason">Why they were bad; a short snake_case word (it becomes a label value).</param>
    /// <param name="count">How many, 0 or more.</param>
    public void Count(string reason, long count = 1)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Add(ref Find(reason).Value, count);
    }

    /// <summary>Makes a reason appear with a count of 0 before it first happens.</summary>
    /// <param name="reason">The reason.</param>
    public void Register(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Find(reason);
    }

    /// <summary>The total over all reasons.</summary>
    public long Total => Snapshot().Sum(c => c.Count);

    /// <summary>The reasons and their counts, in order of first appearance.</summary>
    /// <returns>A new list.</returns>
    public IReadOnlyList<(string Reason, long Count)> Snapshot() =>
        Volatile.Read(ref _counters).Select(c => (c.Reason, Interlocked.Read(ref c.Value))).ToArray();

    private Counter Find(string reason)
    {
        foreach (var counter in Volatile.Read(ref _counters))
        {
            if (string.Equals(counter.Reason, reason, StringComparison.Ordinal))
            {
                return counter;
            }
        }

        lock (_gate)
        {
            foreach (var counter in _counters)
            {
                if (string.Equals(counter.Reason, reason, StringComparison.Ordinal))
                {
                    return counter;
                }
            }

            var added = new Counter(reason);
            Volatile.Write(ref _counters, [.. _counters, added]);
            return added;
        }
    }

    private sealed class Counter(string reason)
    {
        public long Value;

        public string Reason { get; } = reason;
    }
}
