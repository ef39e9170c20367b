using EdgeRnn.Device.Hardware.Gpio;
using System.Text;
using System.Text.Json;
using EdgeRnn.Device.Alarms;

namespace EdgeRnn.Device.Tests.Alarms;

public sealed class AlarmSinkTests : IDisposable
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 5, 1, 2, 345, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-alarms-").FullName;

    private static AlarmEvent Raised() => new(
        AlarmKind.Raised,
        1234,
        Time,
        0.9991f,
        TopChannels.From([41.25f, 0.5f, 3.5f], ["vibration", "temp °C", "current"], [0, 1, 2]));

    private static AlarmEvent Fault(AlarmKind kind) =>
        new(kind, 99, Time, 0.25f, TopChannels.Single(new ChannelContribution(2, "current", 0f)));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Console_Raised_OneHumanLineWithTopChannels()
    {
        var writer = new StringWriter();
        using (var sink = new ConsoleAlarmSink(writer))
        {
            sink.OnEvent(Raised());
        }

        Assert.Equal("2026-11-22T05:01:02.345Z ALARM RAISED sample 1234 score 0.9991 top: vibration 41.25, current 3.5, temp °C 0.5" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void Console_SensorFault_NamesTheChannel() =>
        Assert.Equal("2026-11-22T05:01:02.345Z SENSOR FAULT sample 99 score 0.2500 channel current (#2)", ConsoleAlarmSink.Format(Fault(AlarmKind.SensorFault)));

    [Fact]
    public void JsonLines_TwoEvents_TwoParsableObjectsWithTheDocumentedFields()
    {
        var stream = new MemoryStream();
        using (var sink = new JsonLinesAlarmSink(stream, ownsStream: false))
        {
            sink.OnEvent(Raised());
            sink.OnEvent(Fault(AlarmKind.SensorRecovered));
        }

        string[] lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Empty, lines[2]);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal("raised", root.GetProperty("event").GetString());
        Assert.Equal(Time, root.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(1234, root.GetProperty("sample").GetInt64());
        Assert.Equal(0.9991f, root.GetProperty("score").GetSingle());
        var channels = root.GetProperty("channels").EnumerateArray().ToArray();
        Assert.Equal(["vibration", "current", "temp °C"], channels.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal([41.25f, 3.5f, 0.5f], channels.Select(c => c.GetProperty("contribution").GetSingle()));
        Assert.Equal([0, 2, 1], channels.Select(c => c.GetProperty("index").GetInt32()));
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("sensor_recovered", second.RootElement.GetProperty("event").GetString());
    }

    [Fact]
    public void Create_JsonFileSpec_AppendsToARealFile()
    {
        string path = Path.Combine(_directory, "alarms.jsonl");
        File.WriteAllText(path, "{\"event\":\"earlier\"}\n");
        using (var sink = AlarmSinks.Create(AlarmSpec.Parse("json:" + path), TextWriter.Null, Stream.Null, _ => throw new InvalidOperationException("no gpio")))
        {
            sink.OnEvent(Raised());
            Assert.Equal(2, File.ReadAllLines(path).Length);
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal("raised", JsonDocument.Parse(lines[1]).RootElement.GetProperty("event").GetString());
    }

    [Fact]
    public void Create_GpioSpec_OpensTheLineThroughTheFactory()
    {
        var line = new FakeAlarmLine();
        GpioAlarmSpec? asked = null;
        using (var sink = AlarmSinks.Create(AlarmSpec.Parse("gpio:0:17:active-low"), TextWriter.Null, Stream.Null, spec => { asked = spec; return line; }))
        {
            sink.OnEvent(Raised());
        }

        Assert.Equal(new GpioAlarmSpec(new GpioLineSpec("/dev/gpiochip0", 17, null, true)), asked);
        Assert.Equal([false, true, false], line.Levels);
        Assert.True(line.Disposed);
    }

    [Fact]
    public void Create_ConsoleAndJsonSpecs_WriteToTheGivenOutputs()
    {
        var console = new StringWriter();
        var stdout = new MemoryStream();
        using (var sink = AlarmSinks.Create(AlarmSpec.Parse("console"), console, stdout, _ => throw new InvalidOperationException("no gpio")))
        {
            sink.OnEvent(Raised());
        }

        using (var sink = AlarmSinks.Create(AlarmSpec.Parse("json"), console, stdout, _ => throw new InvalidOperationException("no gpio")))
        {
            sink.OnEvent(Raised());
        }

        Assert.Contains("ALARM RAISED sample 1234", console.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("{\"event\":\"raised\"", Encoding.UTF8.GetString(stdout.ToArray()), StringComparison.Ordinal);
        Assert.True(stdout.CanWrite, "the json sink must not close standard output");
    }

    [Fact]
    public void Line_AnomalyAndFaultOverlap_ActiveUntilBothEnd()
    {
        var line = new FakeAlarmLine();
        var sink = new LineAlarmSink(line);
        sink.OnEvent(Raised());
        sink.OnEvent(Fault(AlarmKind.SensorFault));
        sink.OnEvent(Raised() with { Kind = AlarmKind.Cleared });
        Assert.True(sink.IsActive);
        sink.OnEvent(Fault(AlarmKind.SensorRecovered));
        Assert.False(sink.IsActive);
        Assert.Equal([false, true, false], line.Levels);
        sink.Dispose();
        Assert.Equal([false, true, false, false], line.Levels);
        Assert.True(line.Disposed);
        Assert.Throws<ObjectDisposedException>(() => sink.OnEvent(Raised()));
    }

    [Fact]
    public void Line_NotOwned_LeftUndisposed()
    {
        var line = new FakeAlarmLine();
        new LineAlarmSink(line, ownsLine: false).Dispose();
        Assert.False(line.Disposed);
    }
}
