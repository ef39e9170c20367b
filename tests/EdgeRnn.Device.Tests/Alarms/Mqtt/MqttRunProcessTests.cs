using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeRnn.Device.Commands;
using EdgeRnn.Device.Tests.Pipeline;
using EdgeRnn.Device.Tests.Sources;
using MQTTnet.Protocol;

namespace EdgeRnn.Device.Tests.Alarms.Mqtt;

/// <summary>
/// The device program as a user runs it, with <c>--alarm mqtt://</c> to Debian's mosquitto on loopback: a simulated pump whose
/// sensor dropouts (NaN on every channel for 50 samples) raise sensor-fault events at known moments, and an
/// <c>--alarm json:</c> file beside it as the record of every event raised.
/// </summary>
[Trait("Category", "Mosquitto")]
public sealed partial class MqttRunProcessTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-mqtt-run-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [MosquittoFact]
    public async Task Run_EventsAtQoS1_RetainedStateAndDiscoveryForALateSubscriber_SigkillLeavesTheLastWillOffline()
    {
        using var broker = await Mosquitto.StartAsync();
        using var watcher = await MqttWatcher.ConnectAsync(broker.Port, "watcher", persistent: false, "edgernn/pump/#");
        string json = Path.Combine(_directory, "events.jsonl");
        using var child = DeviceProcess.Start(
            "run", "--model", DemoCommand.ModelPath, "--source", "sim:pump?seed=3&rate=100&speed=1&fault=dropout@200+50", "--view", "none",
            "--alarm", $"mqtt://127.0.0.1:{broker.Port}/edgernn/pump?client-id=pump-7&score-interval=500ms", "--alarm", "json:" + json);
        await child.WaitForOutputAsync("mqtt: connected to 127.0.0.1:", Limit);
        await Until(() => watcher.On("/event").Count(e => Kind(e) == "sensor_recovered") == 3, "the dropout's sensor events");

        var events = watcher.Messages.Where(m => m.Topic == "edgernn/pump/event").ToArray();
        Assert.All(events, e => Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, e.QoS));
        Assert.Equal(File.ReadLines(json).Take(events.Length), events.Select(e => e.Payload));
        Assert.Equal(3, events.Count(e => Kind(e.Payload) == "sensor_fault"));
        Assert.NotEmpty(watcher.On("/score"));

        using (var late = await MqttWatcher.ConnectAsync(broker.Port, "late", persistent: false, "edgernn/pump/#", "homeassistant/#"))
        {
            await Eventually.True(() => late.Messages.Count(m => m.Retain) >= 4, "the retained messages");
            var retained = late.Messages.Where(m => m.Retain).ToDictionary(m => m.Topic, m => m.Payload);
            Assert.Equal("online", retained["edgernn/pump/state"]);
            Assert.Contains(retained["edgernn/pump/alarm"], (string[])["ON", "OFF"]);
            using var config = JsonDocument.Parse(retained["homeassistant/binary_sensor/pump-7/alarm/config"]);
            Assert.Equal("pump-7_alarm", config.RootElement.GetProperty("unique_id").GetString());
            Assert.Equal("pump-7", config.RootElement.GetProperty("device").GetProperty("identifiers")[0].GetString());
            Assert.True(retained.ContainsKey("homeassistant/sensor/pump-7/score/config"));
        }

        child.Signal("KILL");
        await child.ExitAsync(Limit);

        await Eventually.True(() => watcher.On("/state") is [.., "offline"], "the last will");
        using var after = await MqttWatcher.ConnectAsync(broker.Port, "after", persistent: false, "edgernn/pump/state");
        await Eventually.True(() => after.Messages.Count == 1, "the retained state");
        Assert.Equal(new Received("edgernn/pump/state", "offline", MqttQualityOfServiceLevel.AtLeastOnce, true), after.Messages[0]);
    }

    [MosquittoFact]
    public async Task Run_BrokerRestartMidRun_EventsWithinTheQueueDelivered_DropsBeyondItInTheSummaryAndMetrics()
    {
        using var broker = await Mosquitto.StartAsync();
        using var watcher = await MqttWatcher.ConnectAsync(broker.Port, "watcher", persistent: true, "edgernn/pump/event");
        string json = Path.Combine(_directory, "events.jsonl");
        int metricsPort = Mosquitto.FreePort();
        // At 200 samples/s, dropouts at 1 s (before the broker stops), 5 s and 6 s (12 events while it is down) and 20 s
        // (after it is back, with room for a late attempt of the back-off). The queue holds 4.
        using var child = DeviceProcess.Start(
            "run", "--model", DemoCommand.ModelPath, "--source", "sim:pump?seed=3&rate=200&speed=1&fault=dropout@200+50,dropout@1000+50,dropout@1200+50,dropout@4000+50",
            "--view", "none", "--metrics", $"127.0.0.1:{metricsPort}",
            "--alarm", $"mqtt://127.0.0.1:{broker.Port}/edgernn/pump?client-id=pump-7&queue=4&score-interval=off", "--alarm", "json:" + json);
        await Until(() => watcher.On("/event").Count >= 6, "the first dropout's events");

        await broker.StopAsync();
        await child.WaitForOutputAsync("mqtt: lost the connection to 127.0.0.1:", Limit);
        await Until(() => JsonEvents(json).Count(e => Sample(e) is > 1000 and < 1300) >= 12, "the two dropouts while the broker is down");
        await broker.StartAgainAsync();
        await watcher.ConnectAgainAsync();
        await child.WaitForOutputAsync("mqtt: reconnected to 127.0.0.1:", Limit);
        await Until(() => JsonEvents(json).Count(e => Sample(e) > 4000) >= 6, "the dropout after the restart");
        await Until(() => watcher.On("/event").Distinct().Count() >= JsonEvents(json).Count - 8, "every event but the dropped ones");
        using var http = new HttpClient();
        string metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));

        child.Signal("TERM");
        Assert.Equal(0, await child.ExitAsync(Limit));

        var summary = SummaryLine().Match(child.Output);
        Assert.True(summary.Success, child.Output);
        long published = long.Parse(summary.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        long dropped = long.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(dropped >= 8, $"Expected at least 12 - 4 events dropped while the broker was down; the summary says {dropped}.");
        Assert.Contains($"edgernn_mqtt_events_dropped_total {dropped}", metrics, StringComparison.Ordinal);
        Assert.Contains("edgernn_mqtt_reconnects_total 1", metrics, StringComparison.Ordinal);

        // Every event raised, less one run of consecutive ones (the oldest raised while the broker was down), as many as were dropped.
        string[] raised = [.. JsonEvents(json)];
        string[] received = [.. watcher.On("/event").Distinct()];
        Assert.Equal(raised.Length - dropped, received.Length);
        Assert.Equal(received.Length, published);
        int gap = Enumerable.Range(0, received.Length).FirstOrDefault(i => received[i] != raised[i], received.Length);
        Assert.Equal(raised[..gap], received[..gap]);
        Assert.Equal(raised[(gap + (int)dropped)..], received[gap..]);
        Assert.All(raised[gap..(gap + (int)dropped)], e => Assert.InRange(Sample(e), 250, 1300));
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Expected {what} within {Limit.TotalSeconds} s; it did not happen.");
            await Task.Delay(50);
        }
    }

    private static IReadOnlyList<string> JsonEvents(string path) =>
        File.Exists(path) ? [.. File.ReadLines(path).Where(line => line.EndsWith('}'))] : [];

    private static string Kind(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("event").GetString()!;
    }

    private static long Sample(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("sample").GetInt64();
    }

    [GeneratedRegex(@"mqtt +([\d,]+) events published to mqtt://127\.0\.0\.1:\d+/edgernn/pump \(QoS 1\), (\d+) dropped \(queue of 4\), 0 unsent at exit, 1 reconnects")]
    private static partial Regex SummaryLine();
}
