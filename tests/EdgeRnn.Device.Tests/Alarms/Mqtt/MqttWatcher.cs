using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeRnn.Device.Tests.Alarms.Mqtt;

/// <summary>One message a <see cref="MqttWatcher"/> received.</summary>
internal sealed record Received(string Topic, string Payload, MqttQualityOfServiceLevel QoS, bool Retain);

/// <summary>
/// A subscriber on a test's broker (MQTTnet, MQTT 3.1.1) that keeps every message it receives. With a persistent session
/// (clean session off) the broker keeps its subscription and queues QoS 1 messages for it while it is away, across a broker
/// restart too (the broker persists sessions), so <see cref="ConnectAgainAsync"/> after a restart receives what was
/// published meanwhile.
/// </summary>
internal sealed class MqttWatcher : IDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly string[] _filters;
    private readonly List<Received> _received = [];

    private MqttWatcher(int port, string clientId, bool persistent, string[] filters)
    {
        _filters = filters;
        _client = new MqttClientFactory().CreateMqttClient();
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(clientId)
            .WithCleanSession(!persistent)
            .Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var message = e.ApplicationMessage;
            lock (_received)
            {
                _received.Add(new Received(message.Topic, Encoding.UTF8.GetString(message.Payload), message.QualityOfServiceLevel, message.Retain));
            }

            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<Received> Messages
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The payloads received on topics ending in <paramref name="suffix"/>, in arrival order.</summary>
    public IReadOnlyList<string> On(string suffix) => [.. Messages.Where(m => m.Topic.EndsWith(suffix, StringComparison.Ordinal)).Select(m => m.Payload)];

    /// <summary>Connects and subscribes at QoS 2 (so each message arrives at the QoS it was published with).</summary>
    public static async Task<MqttWatcher> ConnectAsync(int port, string clientId, bool persistent, params string[] filters)
    {
        var watcher = new MqttWatcher(port, clientId, persistent, filters);
        await watcher.ConnectAgainAsync();
        return watcher;
    }

    /// <summary>Connects again (the broker came back), retrying for up to 20 s.</summary>
    public async Task ConnectAgainAsync()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync();
                }

                var result = await _client.ConnectAsync(_options);
                if (!result.IsSessionPresent)
                {
                    var subscribe = new MqttClientSubscribeOptionsBuilder();
                    foreach (string filter in _filters)
                    {
                        subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.ExactlyOnce);
                    }

                    await _client.SubscribeAsync(subscribe.Build());
                }

                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
        }
    }

    public void Dispose() => _client.Dispose();
}
