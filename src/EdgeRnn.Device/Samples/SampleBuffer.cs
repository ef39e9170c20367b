namespace EdgeRnn.Device.Samples;

/// <summary>
/// One sample, allocated once and refilled in place by parsers and sources, so nothing is allocated per sample:
/// a timestamp, up to <see cref="Capacity"/> channel values and an optional label.
/// </summary>
internal sealed class SampleBuffer
{
    /// <summary>The most channels a sample holds (and so a binary frame may declare).</summary>
    public const int MaxChannels = 1024;

    private readonly float[] _values;

    /// <summary>Creates a buffer for up to <paramref name="capacity"/> channels.</summary>
    /// <param name="capacity">The largest channel count it can hold, 1..<see cref="MaxChannels"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is outside 1..<see cref="MaxChannels"/>.</exception>
    public SampleBuffer(int capacity = MaxChannels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxChannels);
        _values = new float[capacity];
        Label = float.NaN;
    }

    /// <summary>The largest channel count this buffer holds.</summary>
    public int Capacity => _values.Length;

    /// <summary>The number of channel values in the current sample.</summary>
    public int Count { get; private set; }

    /// <summary>The sample time in microseconds since the Unix epoch (UTC).</summary>
    public long TimestampMicroseconds { get; set; }

    /// <summary>Whether <see cref="TimestampMicroseconds"/> came from the data (false: the source stamped the arrival time).</summary>
    public bool HasTimestamp { get; set; }

    /// <summary>The label column's value (0 normal, 1 anomaly in recordings), or NaN when the data has none.</summary>
    public float Label { get; set; }

    /// <summary>How many of the values are NaN or infinite; the pipeline's policy decides what to do with them.</summary>
    public int NonFiniteCount { get; private set; }

    /// <summary>The channel values of the current sample.</summary>
    public Span<float> Values => _values.AsSpan(0, Count);

    /// <summary>Starts a new sample of <paramref name="count"/> channels and returns its values to fill.</summary>
    /// <param name="count">The channel count, 0..<see cref="Capacity"/>.</param>
    /// <returns>The values to fill.</returns>
    public Span<float> Begin(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)_values.Length, nameof(count));
        Count = count;
        NonFiniteCount = 0;
        HasTimestamp = false;
        TimestampMicroseconds = 0;
        Label = float.NaN;
        return _values.AsSpan(0, count);
    }

    /// <summary>Counts the non-finite values once the values are filled.</summary>
    public void End()
    {
        int nonFinite = 0;
        foreach (float value in Values)
        {
            if (!float.IsFinite(value))
            {
                nonFinite++;
            }
        }

        NonFiniteCount = nonFinite;
    }

    /// <summary>Copies this sample into <paramref name="destination"/>.</summary>
    /// <param name="destination">A buffer with at least <see cref="Count"/> capacity.</param>
    public void CopyTo(SampleBuffer destination)
    {
        Span<float> values = destination.Begin(Count);
        Values.CopyTo(values);
        destination.TimestampMicroseconds = TimestampMicroseconds;
        destination.HasTimestamp = HasTimestamp;
        destination.Label = Label;
        destination.NonFiniteCount = NonFiniteCount;
    }
}
