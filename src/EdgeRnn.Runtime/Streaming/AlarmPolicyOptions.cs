
namespace EdgeRnn.Runtime.Streaming;

/// <summary>Settings of an <see cref="AlarmPolicy"/> (the <c>--alarm-*</c> options of <c>edgernn-device run</c>).</summary>
public sealed record AlarmPolicyOptions
{
    /// <summary>The default gap between the raise and the clear threshold.</summary>
    public const float DefaultHysteresis = 0.05f;

    /// <summary>The score at or above which a sample counts towards raising, in [0, 1]; null for the model's threshold.</summary>
    public float? RaiseThreshold { get; init; }

    /// <summary>The score below which a sample counts towards clearing, in [0, raise]; null for raise − <see cref="Hysteresis"/>.</summary>
    public float? ClearThreshold { get; init; }

    /// <summary>The gap used when <see cref="ClearThreshold"/> is null, in [0, 1].</summary>
    public float Hysteresis { get; init; } = DefaultHysteresis;

    /// <summary>Consecutive samples at or above the raise threshold needed to raise, ≥ 1 (<c>--alarm-min-samples</c>).</summary>
    public int MinRaiseSamples { get; init; } = 3;

    /// <summary>Consecutive samples below the clear threshold needed to clear, ≥ 1.</summary>
    public int MinClearSamples { get; init; } = 3;

    /// <summary>
    /// The defaults for a detector: a model that carries its detector (<see cref="AnomalyDetector.HasDetector"/>) already
    /// smooths its score and holds off after an alarm, so its alarm is the score at or above its threshold, sample by
    /// sample (raise and clear after 1 sample, no hysteresis): the decision its benchmarks count. Other models get the
    /// defaults above (3 samples either way, hysteresis <see cref="DefaultHysteresis"/>).
    /// </summary>
    /// <param name="detector">The detector the policy will judge.</param>
    /// <returns>The options.</returns>
    public static AlarmPolicyOptions For(AnomalyDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        return detector.HasDetector ? new AlarmPolicyOptions { Hysteresis = 0f, MinRaiseSamples = 1, MinClearSamples = 1 } : new AlarmPolicyOptions();
    }
}
