using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Sources.Network;

/// <summary>
/// Keeps every sample of a merged source (many clients, many datagrams) at one channel count: the configured one, or the
/// first sample's. Samples with another count are counted as <see cref="BadFrameReason.ChannelCountMismatch"/>.
/// </summary>
internal sealed class ChannelGate
{
    private readonly FrameCounters _counters;
    private int _count;
    private IReadOnlyList<string> _names = [];

    /// <summary>Creates a gate.</summary>
    /// <param name="expected">The required channel count, or 0 to take the first sample's.</param>
    /// <param name="counters">Where mismatches are counted.</param>
    public ChannelGate(int expected, FrameCounters counters)
    {
        _counters = counters;
        if (expected > 0)
        {
            _count = expected;
            _names = ChannelNaming.Default(expected);
        }
    }

    /// <summary>The channel count, or 0 before the first sample.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The channel names: the first parser's that named them (a CSV header), else "ch0"...</summary>
    public IReadOnlyList<string> Names => Volatile.Read(ref _names);

    /// <summary>Whether <paramref name="sample"/> has the source's channel count (fixing it on the first sample).</summary>
    /// <param name="sample">The parsed sample.</param>
    /// <param name="names">The names its parser knows.</param>
    /// <returns>True to pass the sample on; false when it was counted as a mismatch.</returns>
    public bool Admit(SampleBuffer sample, IReadOnlyList<string> names)
    {
        int count = Volatile.Read(ref _count);
        if (count == 0)
        {
            count = Interlocked.CompareExchange(ref _count, sample.Count, 0);
            if (count == 0)
            {
                count = sample.Count;
            }
        }

        if (sample.Count != count)
        {
            _counters.AddBadFrame(BadFrameReason.ChannelCountMismatch);
            return false;
        }

        IReadOnlyList<string> current = Volatile.Read(ref _names);
        if (names.Count == count && (current.Count != count || IsDefault(current)) && !IsDefault(names))
        {
            Volatile.Write(ref _names, names);
        }
        else if (current.Count != count)
        {
            Volatile.Write(ref _names, names.Count == count ? names : ChannelNaming.Default(count));
        }

        return true;
    }

    private static bool IsDefault(IReadOnlyList<string> names) => names.Count > 0 && names[0] == "ch0";
}
