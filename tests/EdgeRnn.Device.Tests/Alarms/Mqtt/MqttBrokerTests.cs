using System.Text.Json;
using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Alarms.Mqtt;
using EdgeRnn.Device.Tests.Pipeline;
using EdgeRnn.Device.Tests.Sources;
using MQTTnet.Protocol;

namespace EdgeRnn.Device.Tests.Alarms.Mqtt;

/// <summary>The MQTT output against Debian's mosquitto, started by each test on loopback.</summary>
[Trait("Category", "Mosquitto")]
public sealed class MqttBrokerTests
{
    private static AlarmEvent Event(AlarmKind kind, long sample) =>
        new(kind, sample, DateTimeOffset.UnixEpoch.AddSeconds(sample), 0.75f, TopChannels.Single(new ChannelContribution(1, "temperature", 2.5f)));

    private static MqttAlarmSink Open(Mosquitto broker, string query, CaptureWriter log) =>
        new(MqttAlarmSpec.ParseBody($"mqtt://127.0.0.1:{broker.Port}/edgernn/test{query}", "edgernn-test"), log, backoff: new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)));

    private static long Sample(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("sample").GetInt64();
    }

    [MosquittoFact]
    public async Task Events_ArriveAtQoS1InOrder_ALateSubscriberFindsTheRetainedStateAndDiscovery_AStopLeavesOffline()
    {
        using var broker = await Mosquitto.StartAsync();
        using var watcher = await MqttWatcher.ConnectAsync(broker.Port, "watcher", persistent: false, "edgernn/#");
        var log = new CaptureWriter();
        using (var sink = Open(broker, "?score-interval=200ms", log))
        {
            sink.OnEvent(Event(AlarmKind.Raised, 100));
            sink.OnScore(0.75f);
            sink.OnEvent(Event(AlarmKind.Cleared, 160));
            sink.OnEvent(Event(AlarmKind.SensorFault, 170));
            await Eventually.True(() => watcher.On("/event").Count == 3, "three events at the subscriber");

            var events = watcher.Messages.Where(m => m.Topic == "edgernn/test/event").ToArray();
            Assert.All(events, e => Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, e.QoS));
            Assert.Equal([100, 160, 170], events.Select(e => Sample(e.Payload)));
            await Eventually.True(() => watcher.On("/score").Count > 0, "a score");
            Assert.Equal("0.75", watcher.On("/score")[0]);

            using var late = await MqttWatcher.ConnectAsync(broker.Port, "late", persistent: false, "edgernn/#", "homeassistant/#");
            await Eventually.True(() => late.Messages.Count >= 4, "the retained messages");
            var retained = late.Messages.Where(m => m.Retain).ToDictionary(m => m.Topic, m => m.Payload);
            Assert.Equal("online", retained["edgernn/test/state"]);
            Assert.Equal("ON", retained["edgernn/test/alarm"]);
            using var alarm = JsonDocument.Parse(retained["homeassistant/binary_sensor/edgernn-test/alarm/config"]);
            Assert.Equal("edgernn/test/alarm", alarm.RootElement.GetProperty("state_topic").GetString());
            Assert.Equal("edgernn/test/state", alarm.RootElement.GetProperty("availability_topic").GetString());
            Assert.Equal("edgernn-test_alarm", alarm.RootElement.GetProperty("unique_id").GetString());
            using var score = JsonDocument.Parse(retained["homeassistant/sensor/edgernn-test/score/config"]);
            Assert.Equal("edgernn/test/score", score.RootElement.GetProperty("state_topic").GetString());
            Assert.DoesNotContain("edgernn/test/event", retained.Keys);
            Assert.DoesNotContain("edgernn/test/score", retained.Keys);
        }

        await Eventually.True(() => watcher.On("/state") is [.., "offline"], "offline after the stop");
        using var after = await MqttWatcher.ConnectAsync(broker.Port, "after", persistent: false, "edgernn/test/state");
        await Eventually.True(() => after.Messages.Count == 1, "the retained state");
        Assert.Equal(new Received("edgernn/test/state", "offline", MqttQualityOfServiceLevel.AtLeastOnce, true), after.Messages[0]);
        Assert.Contains("mqtt: connected to 127.0.0.1:", log.Text, StringComparison.Ordinal);
    }

    [MosquittoFact]
    public async Task BrokerRestart_EventsRaisedWhileItIsDown_AllDeliveredWithinTheQueue_BeyondItTheOldestDroppedAndCounted()
    {
        using var broker = await Mosquitto.StartAsync();
        using var watcher = await MqttWatcher.ConnectAsync(broker.Port, "watcher", persistent: true, "edgernn/test/event");
        var log = new CaptureWriter();
        using (var sink = Open(broker, "?queue=10&score-interval=off", log))
        {
            sink.OnEvent(Event(AlarmKind.Raised, 1));
            await Eventually.True(() => watcher.On("/event").Count == 1, "the first event");

            await broker.StopAsync();
            await Eventually.True(() => !sink.Status.Connected, "the loss noticed");
            for (long sample = 2; sample <= 15; sample++)
            {
                sink.OnEvent(Event(sample % 2 == 0 ? AlarmKind.Cleared : AlarmKind.Raised, sample));
            }

            Assert.Equal(10, sink.Status.Queued);
            Assert.Equal(4, sink.Status.Dropped);
            await broker.StartAgainAsync();
            await watcher.ConnectAgainAsync();
            await Eventually.True(() => watcher.On("/event").Distinct().Count() == 11, "the queued events after the restart");
            Assert.Equal(1, sink.Status.Reconnects);
        }

        long[] samples = [.. watcher.On("/event").Distinct().Select(Sample)];
        Assert.Equal([1, .. Enumerable.Range(6, 10).Select(i => (long)i)], samples);
        Assert.Contains("mqtt: lost the connection to 127.0.0.1:", log.Text, StringComparison.Ordinal);
        Assert.Contains("10 events queued, 4 dropped since the last connection (queue of 10)", log.Text, StringComparison.Ordinal);
    }
}
