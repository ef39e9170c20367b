namespace EdgeRnn.Runtime.Streaming;

/// <summary>
/// The anomaly alarm decision, with hysteresis and a minimum duration: it raises after <see cref="MinRaiseSamples"/>
/// consecutive warm scores ≥ <see cref="RaiseThreshold"/> and clears after <see cref="MinClearSamples"/> consecutive scores
/// &lt; <see cref="ClearThreshold"/>. Scores in between, and NaN, hold the current decision and restart both counts.
/// Allocates nothing. Not thread-safe: one policy per stream.
/// </summary>
public sealed class AlarmPolicy
{
    private int _above;
    private int _below;

    /// <summary>Creates a policy.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="modelThreshold">The model's alarm threshold, used when the options give no raise threshold, in [0, 1].</param>
    /// <exception cref="ArgumentException">A threshold is outside [0, 1], the clear threshold is above the raise threshold, or a minimum is below 1.</exception>
    public AlarmPolicy(AlarmPolicyOptions options, float modelThreshold)
    {
        ArgumentNullException.ThrowIfNull(options);
        float raise = options.RaiseThreshold ?? modelThreshold;
        if (!(raise >= 0f && raise <= 1f))
        {
            throw new ArgumentException($"Expected a raise threshold in [0, 1]; found {raise}.", nameof(options));
        }

        if (!(options.Hysteresis >= 0f && options.Hysteresis <= 1f))
        {
            throw new ArgumentException($"Expected a hysteresis in [0, 1]; found {options.Hysteresis}.", nameof(options));
        }

        float clear = options.ClearThreshold ?? Math.Max(0f, raise - options.Hysteresis);
        if (!(clear >= 0f && clear <= raise))
        {
            throw new ArgumentException($"Expected a clear threshold in [0, {raise}] (at most the raise threshold); found {clear}.", nameof(options));
        }

        if (options.MinRaiseSamples < 1 || options.MinClearSamples < 1)
        {
            throw new ArgumentException($"Expected at least 1 sample to raise and to clear; found {options.MinRaiseSamples} and {options.MinClearSamples}.", nameof(options));
        }

        RaiseThreshold = raise;
        ClearThreshold = clear;
        MinRaiseSamples = options.MinRaiseSamples;
        MinClearSamples = options.MinClearSamples;
    }

    /// <summary>The score at or above which a sample counts towards raising.</summary>
    public float RaiseThreshold { get; }

    /// <summary>The score below which a sample counts towards clearing.</summary>
    public float ClearThreshold { get; }

    /// <summary>Consecutive samples needed to raise.</summary>
    public int MinRaiseSamples { get; }

    /// <summary>Consecutive samples needed to clear.</summary>
    public int MinClearSamples { get; }

    /// <summary>Whether the alarm is active.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Feeds one sample's score.</summary>
    /// <param name="score">The anomaly score in [0, 1]; NaN counts neither way.</param>
    /// <param name="isWarm">Whether the detector has warmed up; a cold score never counts towards raising.</param>
    /// <returns>Whether this sample raised or cleared the alarm.</returns>
    public AlarmTransition Update(float score, bool isWarm)
    {
        if (isWarm && score >= RaiseThreshold)
        {
            _below = 0;
            if (!IsActive && ++_above >= MinRaiseSamples)
            {
                IsActive = true;
                _above = 0;
                return AlarmTransition.Raised;
            }
        }
        else if (score < ClearThreshold || (!isWarm && !float.IsNaN(score)))
        {
            _above = 0;
            if (IsActive && ++_below >= MinClearSamples)
            {
                IsActive = false;
                _below = 0;
                return AlarmTransition.Cleared;
            }
        }
        else
        {
            _above = 0;
            _below = 0;
        }

        return AlarmTransition.None;
    }

    /// <summary>Returns to the inactive state with both counts at zero.</summary>
    public void Reset()
    {
        IsActive = false;
        _above = 0;
        _below = 0;
    }
}
