namespace EdgeRnn.Device.Framing;

/// <summary>
/// Thread-safe counters of what parsers saw: good frames, frames with non-finite values, bad frames by reason and skipped bytes.
/// Several parsers (one per TCP client) may share one instance.
/// </summary>
internal sealed class FrameCounters
{
    private static readonly int ReasonCount = Enum.GetValues<BadFrameReason>().Length;

    private readonly long[] _badFrames = new long[ReasonCount];
    private long _frames;
    private long _nonFinite;
    private long _skippedBytes;
    private int _lastReason = -1;

    /// <summary>Well-formed frames or lines parsed into samples.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Parsed samples that held at least one NaN or infinity.</summary>
    public long NonFiniteFrames => Interlocked.Read(ref _nonFinite);

    /// <summary>Bytes dropped while resynchronising or skipping over-long lines.</summary>
    public long SkippedBytes => Interlocked.Read(ref _skippedBytes);

    /// <summary>All bad frames, of every reason.</summary>
    public long BadFrames
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _badFrames.Length; i++)
            {
                total += Interlocked.Read(ref _badFrames[i]);
            }

            return total;
        }
    }

    /// <summary>The reason of the most recent bad frame, or null if there was none.</summary>
    public BadFrameReason? LastBadFrameReason
    {
        get
        {
            int last = Volatile.Read(ref _lastReason);
            return last < 0 ? null : (BadFrameReason)last;
        }
    }

    /// <summary>Bad frames of one reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public long BadFramesOf(BadFrameReason reason) => Interlocked.Read(ref _badFrames[(int)reason]);

    internal void AddFrame(bool nonFinite)
    {
        Interlocked.Increment(ref _frames);
        if (nonFinite)
        {
            Interlocked.Increment(ref _nonFinite);
        }
    }

    internal void AddBadFrame(BadFrameReason reason)
    {
        Interlocked.Increment(ref _badFrames[(int)reason]);
        Volatile.Write(ref _lastReason, (int)reason);
    }

    internal void AddSkippedBytes(long count) => Interlocked.Add(ref _skippedBytes, count);
}
