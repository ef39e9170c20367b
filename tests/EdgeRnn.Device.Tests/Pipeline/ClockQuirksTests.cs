using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using EdgeRnn.Device.Commands;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Files;
using EdgeRnn.Device.Sources.Network;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Device.Tests.Alarms;
using EdgeRnn.Device.Tests.Framing;
using EdgeRnn.Device.Tests.Sources;

namespace EdgeRnn.Device.Tests.Pipeline;

/// <summary>
/// Recordings whose clock steps back one hour, repeats a timestamp and jumps a day: every source kind takes every sample
/// in arrival order and the pipeline counts what the clock did.
/// </summary>
public sealed class ClockQuirksTests : IDisposable
{
    private const int Samples = 30;
    private const string Expected = "clock stepped back 1 time (by 1 h), 1 repeated timestamp, 1 gap (longest 1 d; typical period 100 ms)";
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-clock-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Microseconds: every 100 ms; back one hour at sample 10; sample 15 repeats sample 14; a day later from sample 20.</summary>
    private static long Micros(int t) =>
        1_767_225_600_000_000L + (t * 100_000L) - (t >= 10 ? 3_600_100_000L : 0) - (t >= 15 ? 100_000L : 0) + (t >= 20 ? 86_400_000_000L : 0);

    private static string Csv(string header)
    {
        var text = new StringBuilder(header + "\n");
        for (int t = 0; t < Samples; t++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Micros(t) / 1e6:F6},{1 + (0.1 * Math.Sin(t * 0.3)):0.000},{50 + (t * 0.01):0.000},{4 + (0.2 * Math.Cos(t * 0.2)):0.000}\n");
        }

        return text.ToString();
    }

    [Fact]
    public async Task RunAsync_CsvRecordingWithAClockThatStepsBack_EverySampleScoredAndTheSummaryCountsTheClock()
    {
        string path = Path.Combine(_directory, "clock.csv");
        File.WriteAllText(path, Csv("timestamp,vibration_rms,temperature,motor_current"));
        var human = new CaptureWriter();
        var settings = new RunSettings
        {
            ModelPath = DemoCommand.ModelPath,
            Source = SourceSpec.Parse("csv:" + path),
            SourceOptions = new SourceOptions { Speed = 0 },
            View = StatusView.None,
        };

        int exit = await DeviceRun.RunAsync(settings, new RunOutput(human, false, Stream.Null, _ => new FakeAlarmLine()), Eventually.Limit());

        Assert.Equal(DeviceRun.Ok, exit);
        Assert.Contains("samples     30", human.Text, StringComparison.Ordinal);
        Assert.Contains("0 dropped; " + Expected + " (samples taken in arrival order)", human.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_CsvReplayAtRealSpeed_StepBackWaitsNothingAndTheDayLongGapIsCapped()
    {
        string path = Path.Combine(_directory, "paced.csv");
        File.WriteAllText(path, Csv("timestamp,a,b,c"));
        await using ISampleSource source = await SampleSources.OpenAsync(SourceSpec.Parse("csv:" + path), new SourceOptions { Speed = 1 }, TextWriter.Null, CancellationToken.None);
        using var parts = new PipelineParts(source);
        var clock = Stopwatch.StartNew();

        Assert.True(await parts.Pipeline.RunAsync(0, Eventually.Limit()));

        // 27 steps of 100 ms and a gap capped at 10 typical periods: about 3.7 s, not a day (nor an hour of catching up).
        Assert.InRange(clock.Elapsed.TotalSeconds, 3.0, 15.0);
        Assert.Equal(Samples, parts.Pipeline.Processed);
        Assert.Equal(Expected, parts.Pipeline.Clock.Describe());
    }

    [Fact]
    public async Task RunAsync_StandardInputWithAClockThatStepsBack_EverySampleScoredAndCounted()
    {
        var stdin = new MemoryStream(Encoding.ASCII.GetBytes(Csv("timestamp,a,b,c")));
        await using var source = new StreamSampleSource("stdin", () => stdin, replay: false, new SourceOptions());
        await source.StartAsync(CancellationToken.None);
        using var parts = new PipelineParts(source);

        Assert.True(await parts.Pipeline.RunAsync(0, Eventually.Limit()));

        Assert.Equal(Samples, parts.Pipeline.Processed);
        Assert.Equal(Expected, parts.Pipeline.Clock.Describe());
        Assert.Equal((1, 1, 1), (parts.Metrics.ClockStepsBack, parts.Metrics.ClockRepeats, parts.Metrics.ClockGaps));
    }

    [Fact]
    public async Task RunAsync_TcpClientWithAClockThatStepsBack_EverySampleScoredAndCounted()
    {
        await using var source = (TcpSampleSource)await SampleSources.OpenAsync(SourceSpec.Parse("tcp://127.0.0.1:0"), new SourceOptions(), TextWriter.Null, CancellationToken.None);
        using var parts = new PipelineParts(source);
        using var client = new TcpClient();
        await client.ConnectAsync(source.LocalEndPoint!);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Csv("timestamp,a,b,c")));

        Assert.True(await parts.Pipeline.RunAsync(Samples, Eventually.Limit()));

        Assert.Equal(Samples, parts.Pipeline.Processed);
        Assert.Equal(Expected, parts.Pipeline.Clock.Describe());
    }

    [Fact]
    public async Task RunAsync_UdpFramesWithAClockThatStepsBack_EverySampleScoredAndCounted()
    {
        await using var source = (UdpSampleSource)await SampleSources.OpenAsync(SourceSpec.Parse("udp://127.0.0.1:0"), new SourceOptions(), TextWriter.Null, CancellationToken.None);
        using var parts = new PipelineParts(source);
        using var sender = new UdpClient();
        sender.Connect(source.LocalEndPoint!);
        Task<bool> run = parts.Pipeline.RunAsync(Samples, Eventually.Limit());
        for (int t = 0; t < Samples; t++)
        {
            await sender.SendAsync(BinaryFrameTests.Frame([1f + (0.1f * t), 2f, 3f], Micros(t)));
            await Eventually.True(() => parts.Pipeline.Processed > t, $"sample {t} to be processed");
        }

        Assert.True(await run);
        Assert.Equal(Samples, parts.Pipeline.Processed);
        Assert.Equal(Expected, parts.Pipeline.Clock.Describe());
    }
}
