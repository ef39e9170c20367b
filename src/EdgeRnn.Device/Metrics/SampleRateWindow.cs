namespace EdgeRnn.Device.Metrics;

/// <summary>
/// Samples per second over the last <see cref="WindowSeconds"/> whole seconds, kept as per-second counts in a ring. Each
/// slot packs its second (low 32 bits of the second number) and its count into one long, updated with compare-and-swap:
/// lock-free, allocation-free and exact under concurrent counting.
/// </summary>
internal sealed class SampleRateWindow
{
    /// <summary>The length of the window, in seconds.</summary>
    public const int WindowSeconds = 10;

    private const int Slots = WindowSeconds + 1;
    private readonly long[] _slots = new long[Slots];
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly long _startSecond;

    /// <summary>Creates a window starting now.</summary>
    /// <param name="time">The clock.</param>
    public SampleRateWindow(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _startTimestamp = time.GetTimestamp();
        _startSecond = _startTimestamp / time.TimestampFrequency;
        for (int i = 0; i < Slots; i++)
        {
            _slots[i] = Pack(_startSecond - Slots, 0);
        }
    }

    /// <summary>Counts <paramref name="samples"/> samples at the current time.</summary>
    /// <param name="samples">How many, ≥ 0.</param>
    public void Count(int samples = 1)
    {
        long second = CurrentSecond();
        ref long slot = ref _slots[(int)(second % Slots)];
        uint stamp = (uint)second;
        while (true)
        {
            long seen = Volatile.Read(ref slot);
            long next = (uint)(seen >> 32) == stamp ? seen + samples : Pack(second, samples);
            if (Interlocked.CompareExchange(ref slot, next, seen) == seen)
            {
                return;
            }
        }
    }

    /// <summary>The rate over the last whole seconds (up to <see cref="WindowSeconds"/>), or over the time since the start when shorter.</summary>
    /// <returns>Samples per second, ≥ 0.</returns>
    public double Rate()
    {
        long now = CurrentSecond();
        long span = Math.Min(WindowSeconds, now - _startSecond);
        if (span <= 0)
        {
            double elapsed = Math.Max(_time.GetElapsedTime(_startTimestamp).TotalSeconds, 1e-3);
            return Read(now) / elapsed;
        }

        long total = 0;
        for (long s = now - span; s < now; s++)
        {
            total += Read(s);
        }

        return total / (double)span;
    }

    private long Read(long second)
    {
        long value = Volatile.Read(ref _slots[(int)(second % Slots)]);
        return (uint)(value >> 32) == (uint)second ? (uint)value : 0;
    }

    private static long Pack(long second, long count) => ((long)(uint)second << 32) | (uint)count;

    private long CurrentSecond() => _time.GetTimestamp() / _time.TimestampFrequency;
}
