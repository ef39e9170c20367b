namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>One client connection to a broker, as the publisher uses it (MQTTnet's client on the device, a fake in tests).
/// Not thread-safe: the publisher's task only.</summary>
internal interface IMqttConnection : IDisposable
{
    /// <summary>Whether the connection is up (as far as the client knows).</summary>
    bool IsConnected { get; }

    /// <summary>Connects (or connects again), announcing the last will: <c>offline</c>, retained, on the state topic.</summary>
    /// <param name="cancellationToken">Gives up.</param>
    /// <returns>When connected.</returns>
    /// <exception cref="Exception">The broker cannot be reached or refused the connection (any exception but cancellation).</exception>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Publishes one message; with <paramref name="atLeastOnce"/> (QoS 1) returns once the broker has acknowledged it.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="payload">The payload (not kept after the call returns).</param>
    /// <param name="retain">Whether the broker keeps it for later subscribers.</param>
    /// <param name="atLeastOnce">QoS 1 when true, else QoS 0.</param>
    /// <param name="cancellationToken">Gives up.</param>
    /// <returns>When sent (QoS 0) or acknowledged (QoS 1).</returns>
    /// <exception cref="Exception">The connection failed or the broker refused the message (any exception but cancellation).</exception>
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, bool atLeastOnce, CancellationToken cancellationToken);

    /// <summary>Disconnects normally: the broker discards the last will.</summary>
    /// <param name="cancellationToken">Gives up.</param>
    /// <returns>When disconnected.</returns>
    Task DisconnectAsync(CancellationToken cancellationToken);
}
