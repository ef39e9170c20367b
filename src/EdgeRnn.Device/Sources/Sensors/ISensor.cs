namespace EdgeRnn.Device.Sources.Sensors;

/// <summary>A sensor read synchronously, one sample of all its channels at a time.</summary>
/// <remarks>A driver owns its bus device and releases it on <see cref="IDisposable.Dispose"/>. <see cref="Read"/> allocates
/// nothing; a failed bus transfer is an <see cref="IOException"/>, a conversion that never finishes a
/// <see cref="TimeoutException"/> (see <see cref="SensorReadRetry"/> for the retry policy).</remarks>
internal interface ISensor : IDisposable
{
    /// <summary>Number of values one <see cref="Read"/> produces.</summary>
    int ChannelCount { get; }

    /// <summary>One name per channel, with its unit (for example <c>accel_x_g</c>, <c>ain0_v</c>).</summary>
    IReadOnlyList<string> ChannelNames { get; }

    /// <summary>Reads one sample of every channel.</summary>
    /// <param name="values">Destination, at least <see cref="ChannelCount"/> long; channel i goes to values[i].</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is shorter than <see cref="ChannelCount"/>.</exception>
    /// <exception cref="IOException">The bus transfer failed.</exception>
    /// <exception cref="TimeoutException">The sensor did not finish a conversion in time.</exception>
    void Read(Span<float> values);
}
