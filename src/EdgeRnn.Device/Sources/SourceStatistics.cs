using EdgeRnn.Device.Framing;

namespace EdgeRnn.Device.Sources;

/// <summary>Thread-safe counters of one source, read by the metrics endpoint and the end-of-run summary.</summary>
internal sealed class SourceStatistics
{
    private long _samples;
    private long _dropped;
    private long _reconnects;
    private long _connections;
    private long _disconnects;

    /// <summary>What the parsers saw: good frames, non-finite frames, bad frames by reason, skipped bytes.</summary>
    public FrameCounters Frames { get; } = new();

    /// <summary>Samples handed to the reader.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>Samples dropped because the reader fell behind a push source (the oldest are dropped).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Times a listener or socket failed and was opened again after a back-off.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Clients accepted (TCP).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Clients that went away (TCP).</summary>
    public long Disconnects => Interlocked.Read(ref _disconnects);

    internal void AddSample() => Interlocked.Increment(ref _samples);

    internal void AddDropped() => Interlocked.Increment(ref _dropped);

    internal void AddReconnect() => Interlocked.Increment(ref _reconnects);

    internal void AddConnection() => Interlocked.Increment(ref _connections);

    internal void AddDisconnect() => Interlocked.Increment(ref _disconnects);
}
