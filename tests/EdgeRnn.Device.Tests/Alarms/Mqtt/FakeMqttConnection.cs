using System.Text;
using EdgeRnn.Device.Alarms.Mqtt;

namespace EdgeRnn.Device.Tests.Alarms.Mqtt;

/// <summary>One message a <see cref="FakeMqttConnection"/> was asked to publish.</summary>
internal sealed record Published(string Topic, string Payload, bool Retain, bool AtLeastOnce);

/// <summary>A broker connection in memory: records what is published, and can be taken down, brought back and made to fail.</summary>
internal sealed class FakeMqttConnection : IMqttConnection
{
    private readonly List<Published> _published = [];
    private readonly Action _dropped;
    private volatile bool _up;
    private volatile bool _reachable = true;
    private int _failNextPublishes;

    public FakeMqttConnection(Action dropped) => _dropped = dropped;

    public int ConnectAttempts;

    public int Disconnects;

    public bool IsConnected => _up;

    public bool Disposed { get; private set; }

    public IReadOnlyList<Published> Published
    {
        get
        {
            lock (_published)
            {
                return [.. _published];
            }
        }
    }

    public IReadOnlyList<string> Events => [.. Published.Where(p => p.Topic.EndsWith("/event", StringComparison.Ordinal)).Select(p => p.Payload)];

    /// <summary>Takes the broker away: the connection drops and new ones fail until <see cref="Restore"/>.</summary>
    public void Drop()
    {
        _reachable = false;
        _up = false;
        _dropped();
    }

    public void Restore() => _reachable = true;

    /// <summary>The next publishes fail (as a connection that breaks mid-publish), and the connection is down after them.</summary>
    public void FailNextPublishes(int count) => Volatile.Write(ref _failNextPublishes, count);

    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref ConnectAttempts);
        if (!_reachable)
        {
            throw new IOException("Connection refused");
        }

        _up = true;
        return Task.CompletedTask;
    }

    /// <summary>How long the broker takes to acknowledge a QoS 1 message (after it has it); a cancelled wait fails with a
    /// timeout, as MQTTnet reports it.</summary>
    public TimeSpan AckDelay { get; set; }

    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, bool atLeastOnce, CancellationToken cancellationToken)
    {
        if (!_up)
        {
            throw new IOException("not connected");
        }

        if (Interlocked.Decrement(ref _failNextPublishes) >= 0)
        {
            _up = false;
            throw new IOException("connection reset while publishing");
        }

        lock (_published)
        {
            _published.Add(new Published(topic, Encoding.UTF8.GetString(payload.Span), retain, atLeastOnce));
        }

        if (atLeastOnce && AckDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(AckDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("The operation has timed out.");
            }
        }
    }

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Disconnects);
        _up = false;
        return Task.CompletedTask;
    }

    public void Dispose() => Disposed = true;
}
