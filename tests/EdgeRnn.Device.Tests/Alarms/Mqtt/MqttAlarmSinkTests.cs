using System.Text.Json;
using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Alarms.Mqtt;
using EdgeRnn.Device.Tests.Pipeline;
using EdgeRnn.Device.Tests.Sources;

namespace EdgeRnn.Device.Tests.Alarms.Mqtt;

/// <summary>The MQTT output over an in-memory connection: what it publishes, in which order, and what happens while the broker is away.</summary>
public sealed class MqttAlarmSinkTests
{
    private static readonly ReconnectBackoff Quick = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40));

    private static AlarmEvent Event(AlarmKind kind, long sample, int channel = 0) =>
        new(kind, sample, DateTimeOffset.UnixEpoch.AddSeconds(sample), 0.75f, TopChannels.Single(new ChannelContribution(channel, "ch" + channel, 1.5f)));

    private static (MqttAlarmSink Sink, FakeMqttConnection Broker) Open(string query = "", CaptureWriter? log = null, TimeSpan? flush = null)
    {
        FakeMqttConnection? broker = null;
        var spec = MqttAlarmSpec.ParseBody("mqtt://127.0.0.1/t/pump" + query, "pump");
        var sink = new MqttAlarmSink(spec, log ?? new CaptureWriter(), (_, dropped) => broker = new FakeMqttConnection(dropped), new ReconnectBackoff(Quick.Initial, Quick.Max), flush ?? TimeSpan.FromSeconds(2));
        return (sink, broker!);
    }

    private static long Sample(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("sample").GetInt64();
    }

    [Fact]
    public async Task Connect_AnnouncesOnlineThenDiscoveryThenTheAlarmState()
    {
        var (sink, broker) = Open();
        using (sink)
        {
            await Eventually.True(() => broker.Published.Count >= 4, "the announcements");

            Assert.Equal(
                [
                    new("t/pump/state", "online", true, true),
                    new("homeassistant/binary_sensor/pump/alarm/config", broker.Published[1].Payload, true, true),
                    new("homeassistant/sensor/pump/score/config", broker.Published[2].Payload, true, true),
                    new Published("t/pump/alarm", "OFF", true, true),
                ],
                broker.Published.Take(4));
        }

        Assert.Equal(new Published("t/pump/state", "offline", true, true), broker.Published[^1]);
        Assert.Equal(1, broker.Disconnects);
        Assert.True(broker.Disposed);
    }

    [Fact]
    public async Task OnEvent_Events_PublishedInOrderAtQoS1AsTheJsonLinesObject()
    {
        var (sink, broker) = Open();
        using (sink)
        {
            sink.OnEvent(Event(AlarmKind.Raised, 10));
            sink.OnEvent(Event(AlarmKind.Cleared, 20));
            sink.OnEvent(Event(AlarmKind.SensorFault, 30, channel: 2));
            await Eventually.True(() => broker.Events.Count == 3, "three events");
        }

        var events = broker.Published.Where(p => p.Topic == "t/pump/event").ToArray();
        Assert.All(events, e => Assert.True(e.AtLeastOnce && !e.Retain));
        Assert.Equal([10, 20, 30], events.Select(e => Sample(e.Payload)));
        var stream = new MemoryStream();
        using (var json = new JsonLinesAlarmSink(stream, ownsStream: false))
        {
            json.OnEvent(Event(AlarmKind.Raised, 10));
        }

        Assert.Equal(System.Text.Encoding.UTF8.GetString(stream.ToArray()).TrimEnd('\n'), events[0].Payload);
        Assert.Equal(3, sink.Status.Published);
    }

    [Fact]
    public async Task OnEvent_RaiseClearFault_AlarmStateFollowsLikeTheGpioLine()
    {
        var (sink, broker) = Open("?score-interval=off");
        using (sink)
        {
            await Eventually.True(() => broker.Published.Any(p => p.Topic == "t/pump/alarm"), "the first state");
            sink.OnEvent(Event(AlarmKind.Raised, 1));
            await Eventually.True(() => broker.Published[^1] == new Published("t/pump/alarm", "ON", true, true), "ON");
            sink.OnEvent(Event(AlarmKind.SensorFault, 2, channel: 1));
            sink.OnEvent(Event(AlarmKind.Cleared, 3));
            await Eventually.True(() => broker.Events.Count == 3, "three events");
            Assert.Equal("ON", broker.Published.Last(p => p.Topic == "t/pump/alarm").Payload);
            sink.OnEvent(Event(AlarmKind.SensorRecovered, 4, channel: 1));
            await Eventually.True(() => broker.Published.Last(p => p.Topic == "t/pump/alarm").Payload == "OFF", "OFF once the channel recovered");
        }
    }

    [Fact]
    public async Task BrokerAway_EventsWithinTheQueueDeliveredInOrderOnReconnect_BeyondItTheOldestDroppedAndCounted()
    {
        var log = new CaptureWriter();
        var (sink, broker) = Open("?queue=3&score-interval=off", log);
        using (sink)
        {
            sink.OnEvent(Event(AlarmKind.Raised, 1));
            await Eventually.True(() => broker.Events.Count == 1, "the first event");
            broker.Drop();
            for (long sample = 2; sample <= 6; sample++)
            {
                sink.OnEvent(Event(AlarmKind.Raised, sample));
            }

            await Eventually.True(() => broker.ConnectAttempts >= 4, "reconnect attempts");
            Assert.False(sink.Status.Connected);
            Assert.Equal(3, sink.Status.Queued);
            Assert.Equal(2, sink.Status.Dropped);
            broker.Restore();
            await Eventually.True(() => broker.Events.Count == 4, "the queued events");
            Assert.Equal(1, sink.Status.Reconnects);
        }

        Assert.Equal([1, 4, 5, 6], broker.Events.Select(Sample));
        Assert.Contains("mqtt: lost the connection to 127.0.0.1:1883 (Connection refused)", log.Text, StringComparison.Ordinal);
        Assert.Contains("3 events queued, 2 dropped since the last connection (queue of 3)", log.Text, StringComparison.Ordinal);
        Assert.Contains("4 events published to mqtt://127.0.0.1:1883/t/pump (QoS 1), 2 dropped (queue of 3), 0 unsent at exit, 1 reconnects", sink.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishFailsMidway_TheEventIsSentAgainAfterReconnecting()
    {
        var (sink, broker) = Open("?score-interval=off");
        using (sink)
        {
            await Eventually.True(() => broker.Published.Count >= 3, "the announcements");
            broker.FailNextPublishes(1);
            sink.OnEvent(Event(AlarmKind.Raised, 42));
            await Eventually.True(() => broker.Events.Count == 1, "the event, sent again");
        }

        Assert.Equal([42], broker.Events.Select(Sample));
        Assert.Equal(2, broker.ConnectAttempts);
        Assert.Equal(0, sink.Status.Dropped);
    }

    [Fact]
    public async Task Dispose_WhileAnEventAwaitsItsAcknowledgement_ThePublishIsNotCutShortAndTheEventSentOnce()
    {
        var log = new CaptureWriter();
        var (sink, broker) = Open("?score-interval=off", log);
        await Eventually.True(() => sink.Status.Connected, "connected");
        broker.AckDelay = TimeSpan.FromMilliseconds(300);
        sink.OnEvent(Event(AlarmKind.Raised, 5));
        await Eventually.True(() => broker.Events.Count == 1, "the event at the broker");

        sink.Dispose();

        Assert.Equal([5], broker.Events.Select(Sample));
        Assert.Equal(1, sink.Status.Published);
        Assert.DoesNotContain("lost the connection", log.Text, StringComparison.Ordinal);
        Assert.Equal(new Published("t/pump/state", "offline", true, true), broker.Published[^1]);
    }

    [Fact]
    public async Task Dispose_BrokerAwayWithEventsQueued_GivesUpAfterTheFlushTimeoutAndCountsThemUnsent()
    {
        var (sink, broker) = Open("?score-interval=off", flush: TimeSpan.FromMilliseconds(300));
        await Eventually.True(() => sink.Status.Connected, "connected");
        broker.Drop();
        sink.OnEvent(Event(AlarmKind.Raised, 1));
        sink.OnEvent(Event(AlarmKind.Cleared, 2));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        sink.Dispose();

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.2, 5);
        Assert.Equal(2, sink.Status.Unsent);
        Assert.Contains("2 unsent at exit", sink.Summary(), StringComparison.Ordinal);
        Assert.Empty(broker.Events);
    }

    [Fact]
    public async Task Dispose_BrokerBackWithinTheFlushTimeout_DeliversTheQueueThenSaysOffline()
    {
        var (sink, broker) = Open("?score-interval=off", flush: TimeSpan.FromSeconds(5));
        await Eventually.True(() => sink.Status.Connected, "connected");
        broker.Drop();
        sink.OnEvent(Event(AlarmKind.Raised, 1));
        _ = Task.Delay(200).ContinueWith(_ => broker.Restore(), TaskScheduler.Default);

        sink.Dispose();

        Assert.Equal([1], broker.Events.Select(Sample));
        Assert.Equal(0, sink.Status.Unsent);
        Assert.Equal(new Published("t/pump/state", "offline", true, true), broker.Published[^1]);
    }

    [Fact]
    public async Task OnScore_EverySample_PublishedAtMostOncePerInterval()
    {
        var (sink, broker) = Open("?score-interval=200ms");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (sink)
        {
            await Eventually.True(() => sink.Status.Connected, "connected");
            clock.Restart();
            while (clock.Elapsed < TimeSpan.FromSeconds(1.2))
            {
                sink.OnScore(0.25f);
                await Task.Delay(1);
            }

            sink.OnScore(0.5f);
        }

        var scores = broker.Published.Where(p => p.Topic == "t/pump/score").ToArray();
        Assert.All(scores, s => Assert.False(s.Retain || s.AtLeastOnce));
        Assert.InRange(scores.Length, 2, 1 + (int)(clock.Elapsed.TotalSeconds / 0.2));
        Assert.Equal("0.25", scores[0].Payload);
    }

    [Fact]
    public async Task OnScore_NoSamples_NoScoreMessages()
    {
        var (sink, broker) = Open("?score-interval=100ms");
        using (sink)
        {
            sink.OnScore(0.125f);
            await Eventually.True(() => broker.Published.Any(p => p.Topic == "t/pump/score"), "the first score");
            await Task.Delay(500);
        }

        Assert.Equal(["0.125"], broker.Published.Where(p => p.Topic == "t/pump/score").Select(p => p.Payload));
    }

    [Fact]
    public async Task DiscoveryOff_NoConfigMessages()
    {
        var (sink, broker) = Open("?discovery=off");
        using (sink)
        {
            await Eventually.True(() => sink.Status.Connected, "connected");
        }

        Assert.DoesNotContain(broker.Published, p => p.Topic.StartsWith("homeassistant/", StringComparison.Ordinal));
    }
}
