using EdgeRnn.Device.Framing;

namespace EdgeRnn.Device.Sources;

/// <summary>Settings shared by all sources; the CLI fills them from its options and the model.</summary>
internal sealed record SourceOptions
{
    /// <summary>The channel count the model needs, or 0 to take it from the data. Samples with another count are counted
    /// as bad frames (<see cref="BadFrameReason.ChannelCountMismatch"/> or <see cref="BadFrameReason.WrongFieldCount"/>).</summary>
    public int ExpectedChannels { get; init; }

    /// <summary>Replay speed of a CSV file relative to its timestamps (10 = ten times faster); 0 = as fast as possible.</summary>
    public double Speed { get; init; }

    /// <summary>The sample rate in Hz assumed for a CSV file without timestamps, to pace and stamp its samples.</summary>
    public double NominalRate { get; init; } = 100;

    /// <summary>CSV settings (separator, timestamp column, line length cap).</summary>
    public CsvOptions Csv { get; init; } = new();

    /// <summary>Samples a push source (TCP, UDP) holds for a slow reader before dropping the oldest.</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>The first wait before listening again after a socket error; doubled after each failure.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between attempts to listen again.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a failed sensor read (<c>i2c:</c>, <c>iio:</c>) before it counts as faulted, and the pause before
    /// each.</summary>
    public (int Retries, TimeSpan Delay) SensorRetry { get; init; } = (3, TimeSpan.FromMilliseconds(2));

    /// <summary>The largest channel count accepted when <see cref="ExpectedChannels"/> is 0, 1..1024; it sizes the
    /// preallocated buffers (a push source holds <see cref="QueueCapacity"/> of them).</summary>
    public int MaxChannels { get; init; } = 64;

    /// <summary>The largest channel count of a sample, and so of the buffers the source allocates.</summary>
    internal int Capacity => Math.Clamp(ExpectedChannels > 0 ? ExpectedChannels : MaxChannels, 1, BinaryFrame.MaxChannels);

    internal CsvOptions CsvWithChannels => ExpectedChannels > 0 ? Csv with { ExpectedChannels = ExpectedChannels } : Csv;
}
