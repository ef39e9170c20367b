namespace EdgeRnn.Training.Calibration;

/// <summary>How <see cref="ScoringCalibrator"/> fits the anomaly scoring and picks the alarm threshold.</summary>
internal sealed record CalibrationOptions
{
    /// <summary>Default short window: the mean of the last 5 errors reacts within a few samples yet ignores one outlier.</summary>
    public const int DefaultShortWindow = 5;

    /// <summary>The longest automatic long window, in steps.</summary>
    public const int MaxAutoLongWindow = 1000;

    /// <summary>The shortest automatic long window, in steps.</summary>
    public const int MinAutoLongWindow = 20;

    /// <summary>The expected alarm onsets per day on normal data that the threshold allows (&gt; 0).</summary>
    public double FalseAlarmsPerDay { get; init; } = 1.0;

    /// <summary>When set, θ is this quantile of the validation scores instead (in (0, 1]); also the fallback without timestamps.</summary>
    public double? AlarmQuantile { get; init; }

    /// <summary>The quantile used when the data has no sample period and no <see cref="AlarmQuantile"/> was given.</summary>
    public double FallbackQuantile { get; init; } = 0.999;

    /// <summary>Long rolling window in steps; 0 picks a quarter of the longest validation stream, clamped to [20, 1000].</summary>
    public int LongWindow { get; init; }

    /// <summary>Short rolling window in steps (≥ 1, at most the long window).</summary>
    public int ShortWindow { get; init; } = DefaultShortWindow;

    /// <summary>The long window for streams whose longest has <paramref name="longestStream"/> steps.</summary>
    /// <param name="longestStream">Steps of the longest validation stream.</param>
    /// <returns>The long window, ≥ 2.</returns>
    public int LongWindowFor(int longestStream) =>
        LongWindow > 0 ? LongWindow : Math.Clamp(longestStream / 4, MinAutoLongWindow, MaxAutoLongWindow);

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (!(FalseAlarmsPerDay > 0) || double.IsInfinity(FalseAlarmsPerDay))
        {
            throw new ArgumentOutOfRangeException(nameof(FalseAlarmsPerDay), FalseAlarmsPerDay, "Expected a finite false-alarm rate > 0 per day.");
        }

        if (AlarmQuantile is { } q && !(q > 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(AlarmQuantile), q, "Expected an alarm quantile in (0, 1].");
        }

        if (LongWindow is < 0 or 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LongWindow), LongWindow, "Expected a long window of 0 (automatic) or at least 2 steps.");
        }

        if (ShortWindow < 1 || (LongWindow > 0 && ShortWindow > LongWindow))
        {
            throw new ArgumentOutOfRangeException(nameof(ShortWindow), ShortWindow, "Expected a short window of at least 1 step and at most the long window.");
        }
    }
}
