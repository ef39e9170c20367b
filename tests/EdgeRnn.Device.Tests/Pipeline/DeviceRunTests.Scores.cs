using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EdgeRnn.Device.Commands;
using EdgeRnn.Recordings;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Device.Tests.Alarms;
using EdgeRnn.Device.Tests.Persistence;
using EdgeRnn.Device.Tests.Sources;

namespace EdgeRnn.Device.Tests.Pipeline;

/// <summary><c>--scores</c>: the per-sample file of whole runs.</summary>
public sealed partial class DeviceRunTests
{
    [Fact]
    public async Task RunAsync_ScoresOnTheBundledRecording_OneParsableRowPerSampleAtItsTimestamp()
    {
        string path = Path.Combine(_directory, "scores.csv");

        var (exit, text, _) = await Run(Demo() with { ScoresPath = path });

        Assert.Equal(DeviceRun.Ok, exit);
        Assert.Contains($"scores      12,000 rows to {path}, 0 dropped", text, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(path);
        string[] recording = File.ReadAllLines(DemoCommand.RecordingPath);
        Assert.Equal(12_001, lines.Length);
        Assert.Equal(recording.Length, lines.Length);
        Assert.Equal("timestamp,score,alarm,change_point", lines[0]);
        int raised = 0;
        bool active = false;
        for (int i = 1; i < lines.Length; i++)
        {
            string[] fields = lines[i].Split(',');
            Assert.Equal(4, fields.Length);
            Assert.True(RecordingTime.TryParseIso8601(Encoding.ASCII.GetBytes(fields[0]), out long written), fields[0]);
            Assert.True(RecordingTime.TryParseIso8601(Encoding.ASCII.GetBytes(recording[i].Split(',')[0]), out long recorded));
            Assert.Equal(recorded, written);
            float score = float.Parse(fields[1], CultureInfo.InvariantCulture);
            Assert.InRange(score, 0f, 1f);
            Assert.Contains(fields[2], (string[])["0", "1"]);
            Assert.Equal("none", fields[3]);
            raised += !active && fields[2] == "1" ? 1 : 0;
            active = fields[2] == "1";
        }

        Assert.Equal("2026-01-01 00:00:00.1", lines[2].Split(',')[0]);
        Assert.Contains($"alarms      {raised} raised", text, StringComparison.Ordinal);
        Assert.True(raised > 0, "the recording's faults raise alarms");
    }

    [Fact]
    public async Task RunAsync_ScoresOfNaiveTimestamps_TimestampColumnIsTheRecordingsText()
    {
        string model = Path.Combine(_directory, "value.ernn");
        SmallModels.Forecaster(channels: 1, names: ["value"]).Save(model);
        string data = Path.Combine(_directory, "nab.csv");
        var csv = new StringBuilder("timestamp,value\n");
        var start = new DateTime(2014, 4, 1, 0, 0, 0);
        for (int i = 0; i < 600; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{start.AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{20 + (5 * Math.Sin(i * 0.1)):0.###}\n");
        }

        File.WriteAllText(data, csv.ToString());
        string path = Path.Combine(_directory, "scores.csv");

        var (exit, _, _) = await Run(Demo() with { ModelPath = model, Source = SourceSpec.Parse("csv:" + data), ScoresPath = path });

        Assert.Equal(DeviceRun.Ok, exit);
        Assert.Equal(
            File.ReadAllLines(data).Skip(1).Select(l => l.Split(',')[0]),
            File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task RunAsync_ScoresInAMissingDirectory_CannotStart()
    {
        string path = Path.Combine(_directory, "none", "scores.csv");

        var (exit, text, _) = await Run(Demo() with { ScoresPath = path });

        Assert.Equal(DeviceRun.CannotStart, exit);
        Assert.Contains("scores.csv", text, StringComparison.Ordinal);
        Assert.DoesNotContain("summary", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ScoresThenStopped_EveryScoredSampleIsInTheFile()
    {
        string path = Path.Combine(_directory, "scores.csv");
        var settings = Demo() with { Source = SourceSpec.Parse("sim:pump?rate=500&speed=1"), ScoresPath = path };
        var human = new CaptureWriter();
        using var stop = new CancellationTokenSource();
        Task<int> run = DeviceRun.RunAsync(settings, new RunOutput(human, false, Stream.Null, _ => new FakeAlarmLine()), stop.Token);
        await Eventually.True(() => File.Exists(path) && new FileInfo(path).Length > 1000, "rows in the scores file while running");
        await stop.CancelAsync();

        Assert.Equal(DeviceRun.Ok, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        Match samples = SummarySamples().Match(human.Text);
        Assert.True(samples.Success, human.Text);
        long processed = long.Parse(samples.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal(processed + 1, File.ReadAllLines(path).Length);
        Assert.Contains($"scores      {processed.ToString("N0", CultureInfo.InvariantCulture)} rows to {path}, 0 dropped", human.Text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"samples\s+([\d,]+) in")]
    private static partial Regex SummarySamples();
}
