using System.Text;
using System.Text.Json;
using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Tests.Metrics;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Device.Tests.Alarms;

/// <summary>Change points the detector reports reach every sink as events beside the alarms; they drive no alarm line.</summary>
public class ChangePointEventTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Observe_ChangePointsUpAndDown_ReachConsoleJsonMetricsButNotTheLine()
    {
        var console = new StringWriter();
        var json = new MemoryStream();
        var metrics = new DeviceMetrics(new ManualTime());
        var line = new FakeAlarmLine();
        var recorded = new RecordingSink();
        using (var monitor = new AlarmMonitor(
            new AlarmPolicy(new AlarmPolicyOptions { MinRaiseSamples = 3, MinClearSamples = 2 }, 0.9f),
            new SensorFaultMonitor(3),
            ["vibration", "temperature", "current"],
            [0, 1, 2],
            [recorded, new ConsoleAlarmSink(console), new JsonLinesAlarmSink(json, ownsStream: false), new MetricsAlarmSink(metrics), new LineAlarmSink(line)],
            TextWriter.Null))
        {
            for (int t = 0; t < 100; t++)
            {
                var shift = t == 40 ? LevelShift.Up : t == 70 ? LevelShift.Down : LevelShift.None;
                monitor.Observe(t, Start.AddSeconds(t), [1f, 2f, 3f], new AnomalyScore(0.5f, 0.4f, false, true, shift), [0.5f, 7f, 2f]);
            }

            Assert.Equal(1, monitor.ChangePointsUp);
            Assert.Equal(1, monitor.ChangePointsDown);
            Assert.False(monitor.IsActive);
            Assert.Equal(0, monitor.RaisedCount);
        }

        Assert.Equal([(AlarmKind.ChangePoint, 40L, LevelShift.Up), (AlarmKind.ChangePoint, 70L, LevelShift.Down)], recorded.Events.Select(e => (e.Kind, e.SampleIndex, e.ChangePoint)));
        Assert.Equal(new ChannelContribution(1, "temperature", 7f), recorded.Events[0].Channels[0]);

        string[] consoleLines = console.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["2026-11-22T05:00:40.000Z CHANGE POINT up sample 40 score 0.4000 top: temperature 7, current 2, vibration 0.5",
             "2026-11-22T05:01:10.000Z CHANGE POINT down sample 70 score 0.4000 top: temperature 7, current 2, vibration 0.5"],
            consoleLines);

        string[] jsonLines = Encoding.UTF8.GetString(json.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, jsonLines.Length);
        using var first = JsonDocument.Parse(jsonLines[0]);
        Assert.Equal("change_point", first.RootElement.GetProperty("event").GetString());
        Assert.Equal("up", first.RootElement.GetProperty("direction").GetString());
        Assert.Equal(40, first.RootElement.GetProperty("sample").GetInt64());
        Assert.Equal(Start.AddSeconds(40), first.RootElement.GetProperty("time").GetDateTimeOffset());
        using var second = JsonDocument.Parse(jsonLines[1]);
        Assert.Equal("down", second.RootElement.GetProperty("direction").GetString());

        var samples = Exposition.Parse(metrics.Render());
        Assert.Equal(1, Exposition.Value(samples, "edgernn_change_points_total", "direction=\"up\""));
        Assert.Equal(1, Exposition.Value(samples, "edgernn_change_points_total", "direction=\"down\""));
        Assert.Equal(0, Exposition.Value(samples, "edgernn_alarms_raised_total"));
        Assert.Equal(0, Exposition.Value(samples, "edgernn_alarm_active"));

        Assert.Equal([false, false], line.Levels);
    }

    [Fact]
    public void Json_AlarmEvent_HasNoDirection()
    {
        var json = new MemoryStream();
        using (var sink = new JsonLinesAlarmSink(json, ownsStream: false))
        {
            sink.OnEvent(new AlarmEvent(AlarmKind.Raised, 1, Start, 0.99f, default));
        }

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(json.ToArray()).TrimEnd('\n'));
        Assert.False(document.RootElement.TryGetProperty("direction", out _));
    }
}
