using System.Text;
using MQTTnet;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>
/// <see cref="IMqttConnection"/> over MQTTnet's client: MQTT 3.1.1 over plain TCP (<see cref="PlainTcpChannel"/>), a clean session (the events waiting are kept by
/// <see cref="EventQueue"/>, not by the broker), the spec's client id and credentials, a 15 s keep-alive and 10 s for each
/// exchange with the broker, and the last will <c>offline</c>, retained, QoS 1, on <see cref="MqttTopics.State"/>.
/// </summary>
internal sealed class MqttNetConnection : IMqttConnection
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly MqttClient _client;
    private readonly MqttClientOptions _options;
    private int _dropped;

    /// <summary>Creates a client, not yet connected.</summary>
    /// <param name="spec">Broker, credentials, client id.</param>
    /// <param name="topics">The topics (the last will's).</param>
    /// <param name="disconnected">Called (on MQTTnet's thread) when the connection drops, so the publisher reconnects at once.</param>
    public MqttNetConnection(MqttAlarmSpec spec, MqttTopics topics, Action disconnected)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(disconnected);
        // MqttClient itself rather than MqttClientFactory, whose default channels would bring TLS into the NativeAOT binary.
        _client = new MqttClient(new TcpClientAdapterFactory(spec.Host, spec.Port), MqttNetNullLogger.Instance);
        _client.DisconnectedAsync += _ =>
        {
            // The event can come before the client's IsConnected turns false: remember it, so the publisher sees the loss now.
            Volatile.Write(ref _dropped, 1);
            disconnected();
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(spec.Host, spec.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(spec.ClientId)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(KeepAlive)
            .WithTimeout(Timeout)
            .WithWillTopic(topics.State)
            .WithWillPayload(Encoding.UTF8.GetBytes(MqttTopics.Offline))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (spec.UserName is not null)
        {
            options = options.WithCredentials(spec.UserName, spec.Password);
        }

        _options = options.Build();
    }

    /// <inheritdoc/>
    public bool IsConnected => _client.IsConnected && Volatile.Read(ref _dropped) == 0;

    /// <inheritdoc/>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            // A connection already dropped (see the constructor) that the client has not finished tearing down.
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
            }
        }

        Volatile.Write(ref _dropped, 0);
        var result = await _client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new IOException($"the broker refused the connection: {result.ResultCode} {result.ReasonString}".TrimEnd());
        }
    }

    /// <inheritdoc/>
    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, bool atLeastOnce, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToArray())
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(atLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new IOException($"the broker refused a message on {topic}: {result.ReasonCode} {result.ReasonString}".TrimEnd());
        }
    }

    /// <inheritdoc/>
    public Task DisconnectAsync(CancellationToken cancellationToken) =>
        _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();
}
