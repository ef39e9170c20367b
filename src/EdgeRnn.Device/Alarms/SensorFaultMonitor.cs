namespace EdgeRnn.Device.Alarms;

/// <summary>
/// Watches every input channel for values the runtime cannot use (NaN, ±∞, or outside the channel's valid range), which it
/// replaces by the channel's last valid value. A channel that stays invalid for more than <see cref="MaxInvalidSamples"/>
/// consecutive samples is faulted; it recovers at its next valid value. Allocates nothing per sample. Not thread-safe.
/// </summary>
internal sealed class SensorFaultMonitor
{
    /// <summary>The default number of consecutive invalid samples tolerated before a fault.</summary>
    public const int DefaultMaxInvalidSamples = 10;

    private readonly float[] _min;
    private readonly float[] _max;
    private readonly int[] _invalidRun;
    private readonly bool[] _faulted;

    /// <summary>Creates a monitor.</summary>
    /// <param name="channels">The number of input channels, ≥ 1.</param>
    /// <param name="maxInvalidSamples">Consecutive invalid samples tolerated; the next one faults the channel, ≥ 0.</param>
    /// <param name="min">Per channel, the smallest valid value; empty for no lower bound.</param>
    /// <param name="max">Per channel, the largest valid value; empty for no upper bound.</param>
    /// <exception cref="ArgumentException">A count is out of range or a bound span has the wrong length.</exception>
    public SensorFaultMonitor(int channels, int maxInvalidSamples = DefaultMaxInvalidSamples, ReadOnlySpan<float> min = default, ReadOnlySpan<float> max = default)
    {
        if (channels < 1)
        {
            throw new ArgumentException($"Expected at least 1 channel; found {channels}.", nameof(channels));
        }

        if (maxInvalidSamples < 0)
        {
            throw new ArgumentException($"Expected a tolerated invalid run of 0 or more samples; found {maxInvalidSamples}.", nameof(maxInvalidSamples));
        }

        _min = Bounds(min, channels, float.NegativeInfinity, nameof(min));
        _max = Bounds(max, channels, float.PositiveInfinity, nameof(max));
        for (int i = 0; i < channels; i++)
        {
            if (!(_min[i] <= _max[i]))
            {
                throw new ArgumentException($"Expected channel {i}'s valid range to have min ≤ max; found [{_min[i]}, {_max[i]}].", nameof(min));
            }
        }

        MaxInvalidSamples = maxInvalidSamples;
        _invalidRun = new int[channels];
        _faulted = new bool[channels];
    }

    /// <summary>Consecutive invalid samples tolerated before a channel is faulted.</summary>
    public int MaxInvalidSamples { get; }

    /// <summary>The number of channels watched.</summary>
    public int Channels => _faulted.Length;

    /// <summary>How many channels are faulted now.</summary>
    public int FaultedCount { get; private set; }

    /// <summary>Whether a channel is faulted now.</summary>
    /// <param name="channel">The channel index, 0-based.</param>
    public bool IsFaulted(int channel) => _faulted[channel];

    /// <summary>Whether a value is usable for a channel: finite and inside its valid range.</summary>
    /// <param name="channel">The channel index, 0-based.</param>
    /// <param name="value">The value.</param>
    public bool IsValid(int channel, float value) => float.IsFinite(value) && value >= _min[channel] && value <= _max[channel];

    /// <summary>Checks one sample; reports every channel that faulted or recovered with it.</summary>
    /// <param name="sample">One value per channel.</param>
    /// <param name="faulted">Receives the channels that became faulted; at least <see cref="Channels"/> long.</param>
    /// <param name="recovered">Receives the channels that recovered; at least <see cref="Channels"/> long.</param>
    /// <param name="faultedCount">How many channels were written to <paramref name="faulted"/>.</param>
    /// <returns>How many channels were written to <paramref name="recovered"/>.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public int Update(ReadOnlySpan<float> sample, Span<int> faulted, Span<int> recovered, out int faultedCount)
    {
        if (sample.Length != Channels || faulted.Length < Channels || recovered.Length < Channels)
        {
            throw new ArgumentException($"Expected a sample of {Channels} values and result spans of at least {Channels}; found {sample.Length}, {faulted.Length} and {recovered.Length}.", nameof(sample));
        }

        faultedCount = 0;
        int recoveredCount = 0;
        for (int i = 0; i < sample.Length; i++)
        {
            if (IsValid(i, sample[i]))
            {
                _invalidRun[i] = 0;
                if (_faulted[i])
                {
                    _faulted[i] = false;
                    FaultedCount--;
                    recovered[recoveredCount++] = i;
                }
            }
            else if (!_faulted[i] && ++_invalidRun[i] > MaxInvalidSamples)
            {
                _faulted[i] = true;
                FaultedCount++;
                faulted[faultedCount++] = i;
            }
        }

        return recoveredCount;
    }

    private static float[] Bounds(ReadOnlySpan<float> bounds, int channels, float fill, string name)
    {
        if (bounds.IsEmpty)
        {
            var all = new float[channels];
            Array.Fill(all, fill);
            return all;
        }

        if (bounds.Length != channels)
        {
            throw new ArgumentException($"Expected {channels} bounds (one per channel) or none; found {bounds.Length}.", name);
        }

        return bounds.ToArray();
    }
}
