namespace EdgeRnn.Runtime.Model;

/// <summary>What a <see cref="SequenceDecoder"/> reads at its first step, before it has an output of its own to feed back.</summary>
public enum DecoderStart
{
    /// <summary>A vector of zeros.</summary>
    Zeros = 0,

    /// <summary>
    /// The last window row's target channels (<see cref="ModelMetadata.TargetChannels"/>, or the leading inputs when there
    /// are none), in output-normalised units.
    /// </summary>
    LastTargets = 1,
}
