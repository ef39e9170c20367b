namespace EdgeRnn.Device.Alarms;

/// <summary>
/// Up to <see cref="Capacity"/> channels with the largest contributions, largest first: a value type, so building one on
/// the sample path allocates nothing.
/// </summary>
internal readonly struct TopChannels
{
    /// <summary>The most channels kept.</summary>
    public const int Capacity = 3;

    private readonly ChannelContribution _first;
    private readonly ChannelContribution _second;
    private readonly ChannelContribution _third;

    private TopChannels(ChannelContribution first, ChannelContribution second, ChannelContribution third, int count)
    {
        _first = first;
        _second = second;
        _third = third;
        Count = count;
    }

    /// <summary>How many channels are held, 0 to <see cref="Capacity"/>.</summary>
    public int Count { get; }

    /// <summary>The channel of rank <paramref name="rank"/> (0 = largest contribution).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is not in [0, <see cref="Count"/>).</exception>
    public ChannelContribution this[int rank]
    {
        get
        {
            if ((uint)rank >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(rank), rank, $"Expected a rank in [0, {Count}).");
            }

            return rank switch
            {
                0 => _first,
                1 => _second,
                _ => _third,
            };
        }
    }

    /// <summary>A single channel (a sensor fault names the faulted channel).</summary>
    public static TopChannels Single(ChannelContribution channel) => new(channel, default, default, 1);

    /// <summary>Picks the largest finite contributions; ties keep the lower index first. Allocates nothing.</summary>
    /// <param name="contributions">Per target channel, as in <c>AnomalyDetector.Contributions</c>.</param>
    /// <param name="names">Per target channel, the name of the input channel it predicts (same length).</param>
    /// <param name="channels">Per target channel, the input channel index it predicts (same length).</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static TopChannels From(ReadOnlySpan<float> contributions, ReadOnlySpan<string> names, ReadOnlySpan<int> channels)
    {
        if (names.Length != contributions.Length || channels.Length != contributions.Length)
        {
            throw new ArgumentException($"Expected one name and channel per contribution ({contributions.Length}); found {names.Length} and {channels.Length}.", nameof(names));
        }

        int a = -1, b = -1, c = -1;
        for (int k = 0; k < contributions.Length; k++)
        {
            float v = contributions[k];
            if (!float.IsFinite(v))
            {
                continue;
            }

            if (a < 0 || v > contributions[a])
            {
                c = b;
                b = a;
                a = k;
            }
            else if (b < 0 || v > contributions[b])
            {
                c = b;
                b = k;
            }
            else if (c < 0 || v > contributions[c])
            {
                c = k;
            }
        }

        int count = c >= 0 ? 3 : b >= 0 ? 2 : a >= 0 ? 1 : 0;
        return new TopChannels(At(a, contributions, names, channels), At(b, contributions, names, channels), At(c, contributions, names, channels), count);
    }

    private static ChannelContribution At(int k, ReadOnlySpan<float> contributions, ReadOnlySpan<string> names, ReadOnlySpan<int> channels) =>
        k < 0 ? default : new ChannelContribution(channels[k], names[k], contributions[k]);
}
