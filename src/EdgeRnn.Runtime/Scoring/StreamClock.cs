using System.Globalization;

namespace EdgeRnn.Runtime.Scoring;

/// <summary>
/// Follows the timestamps of one stream in arrival order, accepts whatever they do and counts it: steps back (a clock
/// corrected by NTP, a board without a real-time clock, two logs joined), repeated timestamps and gaps (forward jumps
/// of more than <see cref="GapFactor"/> typical periods). It also keeps a monotonic elapsed time for anything that must
/// not run backwards (pacing a replay, time-based windows).
/// </summary>
/// <remarks>
/// The step of sample i is t_i − t_(i−1). The typical period is the median of the last <see cref="PeriodWindow"/> positive
/// steps (the lower middle one for an even count); a step is a gap when at least 3 positive steps came before it and it
/// exceeds <see cref="GapFactor"/> times that median. <see cref="Elapsed"/> adds every positive step (gaps in full) and
/// nothing for a repeat or a step back, so it never decreases. <see cref="Observe(long)"/> allocates nothing: the period
/// window is two arrays of <see cref="PeriodWindow"/> steps allocated once. Not thread-safe: one stream, one thread.
/// </remarks>
public sealed class StreamClock
{
    /// <summary>The number of recent positive steps whose median is the typical period.</summary>
    public const int PeriodWindow = 31;

    /// <summary>The default gap factor: a forward step of more than 10 typical periods is a gap.</summary>
    public const double DefaultGapFactor = 10;

    private const int MinStepsForGaps = 3;

    private readonly long[] _recent = new long[PeriodWindow];
    private readonly long[] _sorted = new long[PeriodWindow];
    private int _stepCount;
    private int _oldest;
    private long _previous;
    private long _lastAdvance;

    /// <summary>Creates a clock for one stream.</summary>
    /// <param name="gapFactor">A forward step longer than this many typical periods is a gap; finite and &gt; 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gapFactor"/> is not a finite number above 1.</exception>
    public StreamClock(double gapFactor = DefaultGapFactor)
    {
        if (!(gapFactor > 1) || double.IsInfinity(gapFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(gapFactor), gapFactor, "Expected a finite gap factor above 1.");
        }

        GapFactor = gapFactor;
    }

    /// <summary>A forward step longer than this many typical periods is a gap.</summary>
    public double GapFactor { get; }

    /// <summary>Samples observed.</summary>
    public long Samples { get; private set; }

    /// <summary>Samples whose timestamp was earlier than the previous one.</summary>
    public long StepsBack { get; private set; }

    /// <summary>The largest step back (zero when the clock never stepped back).</summary>
    public TimeSpan LargestStepBack { get; private set; }

    /// <summary>Samples whose timestamp equalled the previous one.</summary>
    public long Repeats { get; private set; }

    /// <summary>Forward steps longer than <see cref="GapFactor"/> typical periods.</summary>
    public long Gaps { get; private set; }

    /// <summary>The longest gap (zero when there was none).</summary>
    public TimeSpan LargestGap { get; private set; }

    /// <summary>The median of the last <see cref="PeriodWindow"/> positive steps; zero before the first one.</summary>
    public TimeSpan TypicalPeriod => _stepCount == 0 ? TimeSpan.Zero : new TimeSpan(MedianStep);

    /// <summary>The longest forward step that is not a gap now (zero until gaps can be told, after 3 positive steps).</summary>
    public TimeSpan GapThreshold => _stepCount < MinStepsForGaps ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Min(GapFactor * MedianStep, long.MaxValue / 2));

    /// <summary>Monotonic time since the first sample: the sum of the positive steps; a repeat or a step back adds nothing.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>What the last sample added to <see cref="Elapsed"/>: its step when positive, else zero.</summary>
    public TimeSpan LastAdvance => new(_lastAdvance);

    /// <summary>Whether any step back, repeat or gap was seen.</summary>
    public bool HasQuirks => StepsBack + Repeats + Gaps > 0;

    /// <summary>Observes the next sample's timestamp, in arrival order.</summary>
    /// <param name="timestamp">The timestamp; its kind is ignored (the stream's own clock, whatever its zone).</param>
    /// <returns>How it stands to the previous timestamp.</returns>
    public ClockStep Observe(DateTime timestamp) => Observe(timestamp.Ticks);

    /// <summary>Observes the next sample's timestamp given in microseconds since the Unix epoch.</summary>
    /// <param name="microseconds">Microseconds since 1970-01-01T00:00:00Z (any fixed origin works).</param>
    /// <returns>How it stands to the previous timestamp.</returns>
    public ClockStep ObserveUnixMicroseconds(long microseconds) => Observe(microseconds * TimeSpan.TicksPerMicrosecond);

    /// <summary>Observes the next sample's timestamp given in 100 ns ticks on any fixed origin.</summary>
    /// <param name="ticks">The timestamp in <see cref="TimeSpan"/> ticks.</param>
    /// <returns>How it stands to the previous timestamp.</returns>
    public ClockStep Observe(long ticks)
    {
        long previous = _previous;
        _previous = ticks;
        _lastAdvance = 0;
        if (Samples++ == 0)
        {
            return ClockStep.First;
        }

        long step = ticks - previous;
        if (step == 0)
        {
            Repeats++;
            return ClockStep.Repeat;
        }

        if (step < 0)
        {
            StepsBack++;
            if (-step > LargestStepBack.Ticks)
            {
                LargestStepBack = new TimeSpan(-step);
            }

            return ClockStep.Back;
        }

        bool gap = _stepCount >= MinStepsForGaps && step > GapFactor * MedianStep;
        AddStep(step);
        _lastAdvance = step;
        Elapsed += new TimeSpan(step);
        if (!gap)
        {
            return ClockStep.Forward;
        }

        Gaps++;
        if (step > LargestGap.Ticks)
        {
            LargestGap = new TimeSpan(step);
        }

        return ClockStep.Gap;
    }

    /// <summary>One line for people: what the clock did, e.g. "clock stepped back 1 time (by 55 min), 11 repeated timestamps".</summary>
    /// <returns>The counts of steps back, repeats and gaps that happened, or "clock regular" when none did.</returns>
    public string Describe()
    {
        if (!HasQuirks)
        {
            return "clock regular";
        }

        var parts = new List<string>(3);
        if (StepsBack > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"clock stepped back {Times(StepsBack)} (by {(StepsBack > 1 ? "up to " : string.Empty)}{FormatDuration(LargestStepBack)})"));
        }

        if (Repeats > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Repeats} repeated timestamp{(Repeats == 1 ? string.Empty : "s")}"));
        }

        if (Gaps > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Gaps} gap{(Gaps == 1 ? string.Empty : "s")} (longest {FormatDuration(LargestGap)}; typical period {FormatDuration(TypicalPeriod)})"));
        }

        string text = string.Join(", ", parts);
        return text.StartsWith("clock", StringComparison.Ordinal) ? text : "clock: " + text;
    }

    /// <summary>A duration in the largest unit that keeps it at 1 or more: "250 ms", "30 s", "55 min", "1.5 h", "3 d".</summary>
    /// <param name="duration">A non-negative duration.</param>
    /// <returns>The text.</returns>
    public static string FormatDuration(TimeSpan duration)
    {
        double seconds = Math.Abs(duration.TotalSeconds);
        var c = CultureInfo.InvariantCulture;
        return seconds switch
        {
            >= 86400 => string.Create(c, $"{seconds / 86400:0.#} d"),
            >= 3600 => string.Create(c, $"{seconds / 3600:0.#} h"),
            >= 60 => string.Create(c, $"{seconds / 60:0.#} min"),
            >= 1 => string.Create(c, $"{seconds:0.#} s"),
            >= 1e-3 => string.Create(c, $"{seconds * 1e3:0.#} ms"),
            _ => string.Create(c, $"{seconds * 1e6:0.#} µs"),
        };
    }

    /// <summary>The median of the recent forward steps, in ticks (the lower one of an even count); valid once a step was seen.</summary>
    private long MedianStep => _sorted[(_stepCount - 1) / 2];

    private static string Times(long count) => count == 1 ? "1 time" : string.Create(CultureInfo.InvariantCulture, $"{count} times");

    /// <summary>Adds a positive step to the window of recent steps and to its sorted copy, dropping the oldest when full.</summary>
    private void AddStep(long step)
    {
        int count = _stepCount;
        if (count == PeriodWindow)
        {
            long leaving = _recent[_oldest];
            int at = Array.BinarySearch(_sorted, 0, count, leaving);
            Array.Copy(_sorted, at + 1, _sorted, at, count - at - 1);
            count--;
            _recent[_oldest] = step;
            _oldest = (_oldest + 1) % PeriodWindow;
        }
        else
        {
            _recent[count] = step;
        }

        int insert = Array.BinarySearch(_sorted, 0, count, step);
        insert = insert < 0 ? ~insert : insert;
        Array.Copy(_sorted, insert, _sorted, insert + 1, count - insert);
        _sorted[insert] = step;
        _stepCount = count + 1;
    }
}
