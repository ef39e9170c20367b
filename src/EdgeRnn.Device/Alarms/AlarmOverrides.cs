using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Device.Alarms;

/// <summary>The <c>--alarm-*</c> settings a user gave; what is null keeps the model's default (<see cref="AlarmPolicyOptions.For"/>).</summary>
internal sealed record AlarmOverrides
{
    /// <summary>--alarm-threshold, or null for the model's threshold.</summary>
    public float? RaiseThreshold { get; init; }

    /// <summary>--alarm-clear, or null for the raise threshold less the default hysteresis.</summary>
    public float? ClearThreshold { get; init; }

    /// <summary>--alarm-min-samples, or null for the default.</summary>
    public int? MinRaiseSamples { get; init; }

    /// <summary>--alarm-clear-samples, or null for the default.</summary>
    public int? MinClearSamples { get; init; }

    /// <summary>The defaults with these settings laid over them.</summary>
    /// <param name="defaults">The model's defaults.</param>
    /// <returns>The options to run with.</returns>
    public AlarmPolicyOptions Over(AlarmPolicyOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return defaults with
        {
            RaiseThreshold = RaiseThreshold ?? defaults.RaiseThreshold,
            ClearThreshold = ClearThreshold ?? defaults.ClearThreshold,
            MinRaiseSamples = MinRaiseSamples ?? defaults.MinRaiseSamples,
            MinClearSamples = MinClearSamples ?? defaults.MinClearSamples,
        };
    }
}
