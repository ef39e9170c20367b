namespace EdgeRnn.Runtime.Scoring;

/// <summary>How a sample's timestamp stands to the one before it, as <see cref="StreamClock.Observe(long)"/> classes it.</summary>
public enum ClockStep
{
    /// <summary>The first sample: nothing to compare with.</summary>
    First,

    /// <summary>Later than the previous sample by at most <see cref="StreamClock.GapFactor"/> typical periods.</summary>
    Forward,

    /// <summary>The same timestamp as the previous sample.</summary>
    Repeat,

    /// <summary>Earlier than the previous sample: the clock stepped back (a clock correction, two logs joined).</summary>
    Back,

    /// <summary>Later than the previous sample by more than <see cref="StreamClock.GapFactor"/> typical periods.</summary>
    Gap,
}
