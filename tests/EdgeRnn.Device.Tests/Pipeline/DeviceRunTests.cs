using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Commands;
using EdgeRnn.Device.Hardware.Gpio;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Device.Tests.Alarms;
using EdgeRnn.Device.Tests.Sources;

namespace EdgeRnn.Device.Tests.Pipeline;

/// <summary>Whole runs in-process, on the bundled demo model and recording and on real files, sockets and HTTP.</summary>
public sealed partial class DeviceRunTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-run-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void BundledDemo_FilesAreBesideTheProgram()
    {
        Assert.True(File.Exists(DemoCommand.ModelPath), DemoCommand.ModelPath);
        Assert.True(File.Exists(DemoCommand.RecordingPath), DemoCommand.RecordingPath);
    }

    [Fact]
    public async Task RunAsync_BundledDemoAsFastAsPossible_CatchesEveryLabelledFaultAndDrivesTheLine()
    {
        var line = new FakeAlarmLine();
        var (exit, text, _) = await Run(Demo() with { Alarms = [new ConsoleAlarmSpec(), new GpioAlarmSpec(new GpioLineSpec("/dev/gpiochip0", 17, null, false))] }, _ => line);

        Assert.Equal(DeviceRun.Ok, exit);
        Assert.Contains("end of the source", text, StringComparison.Ordinal);
        Assert.Contains("samples     12,000", text, StringComparison.Ordinal);
        Assert.Contains("5 anomalies in the recording: 5 caught, 0 missed", text, StringComparison.Ordinal);
        Assert.Contains("SENSOR FAULT", text, StringComparison.Ordinal);
        Assert.Contains("ALARM RAISED", text, StringComparison.Ordinal);
        Assert.Contains(true, line.Levels);
        Assert.False(line.Levels[^1]);
        Assert.True(line.Disposed);
    }

    [Fact]
    public async Task RunAsync_JsonOnStandardOutput_OneParsableObjectPerEvent()
    {
        var stdout = new MemoryStream();
        var (exit, text, _) = await Run(Demo() with { Alarms = [new JsonAlarmSpec(null)], MaxSamples = 3000 }, stdout: stdout);

        Assert.Equal(DeviceRun.Ok, exit);
        string[] lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (string line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Contains(json.RootElement.GetProperty("event").GetString(), (string[])["raised", "cleared", "sensor_fault", "sensor_recovered"]);
        }

        Assert.DoesNotContain("ALARM RAISED", text, StringComparison.Ordinal);
        Assert.Contains("sample limit reached", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CorruptModel_CannotStartAndSaysWhy()
    {
        string path = Path.Combine(_directory, "bad.ernn");
        byte[] bytes = File.ReadAllBytes(DemoCommand.ModelPath);
        bytes[200] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var (exit, text, _) = await Run(Demo() with { ModelPath = path });

        Assert.Equal(DeviceRun.CannotStart, exit);
        Assert.Contains($"error: cannot run '{path}'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("summary", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RecordingWithOtherColumns_CannotStartAndNamesTheModelsChannels()
    {
        string path = Path.Combine(_directory, "other.csv");
        File.WriteAllText(path, "time,x,y\n1,2,3\n2,3,4\n");

        var (exit, text, _) = await Run(Demo() with { Source = SourceSpec.Parse("csv:" + path) });

        Assert.Equal(DeviceRun.CannotStart, exit);
        Assert.Contains("model's 3 channels (vibration_rms, temperature, motor_current)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingRecording_CannotStartAndNamesThePath()
    {
        var (exit, text, _) = await Run(Demo() with { Source = SourceSpec.Parse("csv:" + Path.Combine(_directory, "none.csv")) });

        Assert.Equal(DeviceRun.CannotStart, exit);
        Assert.Contains("none.csv", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MalformedLines_CountedLoggedAndTheRunGoesOn()
    {
        string path = Path.Combine(_directory, "messy.csv");
        var csv = new StringBuilder("vibration_rms,temperature,motor_current\n");
        for (int i = 0; i < 2000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{1 + (0.1 * Math.Sin(i * 0.3)):0.000},{50 + (i * 0.001):0.000},{4 + (0.2 * Math.Cos(i * 0.2)):0.000}\n");
            if (i % 100 == 7)
            {
                csv.Append(i % 200 == 7 ? "1.0,abc,2.0\n" : "1.0,2.0\n");
            }

            if (i % 500 == 9)
            {
                csv.Append("NaN,Infinity,1e39\n");
            }
        }

        File.WriteAllText(path, csv.ToString());
        var (exit, text, _) = await Run(Demo() with { Source = SourceSpec.Parse("csv:" + path) });

        Assert.Equal(DeviceRun.Ok, exit);
        Assert.Contains("samples     2,004", text, StringComparison.Ordinal);
        Assert.Contains("20 bad frames", text, StringComparison.Ordinal);
        Assert.Contains("4 samples with NaN/inf", text, StringComparison.Ordinal);
        Assert.Matches(@"input: .*10 wrong_field_count, 10 not_a_number", text);
    }

    [Fact]
    public async Task RunAsync_StateDirectory_SavedAtTheEndAndRestoredByTheNextRun()
    {
        string state = Path.Combine(_directory, "state");
        var settings = Demo() with { StateDirectory = state, MaxSamples = 500 };

        var (firstExit, first, _) = await Run(settings);
        var (secondExit, second, _) = await Run(settings);

        Assert.Equal(DeviceRun.Ok, firstExit);
        Assert.Contains("no valid saved state: starting fresh", first, StringComparison.Ordinal);
        Assert.Contains("state       1 saves to", first, StringComparison.Ordinal);
        Assert.Equal(DeviceRun.Ok, secondExit);
        Assert.Matches(@"state: restored from .*state\.ersf \(save #1, sample 500", second);
        Assert.Matches(@"state: scorer restored \(\d+ recent errors and the last prediction\)", second);
    }

    [Fact]
    public async Task RunAsync_MetricsEndpoint_ServesPrometheusTextWhileRunning()
    {
        var settings = Demo() with
        {
            Source = SourceSpec.Parse("sim:pump?rate=200&speed=1"),
            Metrics = new IPEndPoint(IPAddress.Loopback, 0),
        };
        var human = new CaptureWriter();
        using var stop = new CancellationTokenSource();
        Task<int> run = DeviceRun.RunAsync(settings, new RunOutput(human, false, Stream.Null, _ => new FakeAlarmLine()), stop.Token);
        await Eventually.True(() => MetricsUrl().IsMatch(human.Text), "the metrics address in the log");
        string url = MetricsUrl().Match(human.Text).Value;
        using var http = new HttpClient();

        string body = "";
        await Eventually.True(
            () =>
            {
                body = http.GetStringAsync(new Uri(url)).GetAwaiter().GetResult();
                return SamplesTotal().Match(body) is { Success: true } m && long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) > 0;
            },
            "a scrape with samples counted");
        await stop.CancelAsync();

        Assert.Equal(DeviceRun.Ok, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("# TYPE edgernn_step_latency_seconds histogram", body, StringComparison.Ordinal);
        Assert.Contains("edgernn_bad_frames_total{reason=\"crc_mismatch\"} 0", body, StringComparison.Ordinal);
        Assert.Contains("stopped by a signal", human.Text, StringComparison.Ordinal);
    }

    private static RunSettings Demo() => new()
    {
        ModelPath = DemoCommand.ModelPath,
        Source = SourceSpec.Parse("csv:" + DemoCommand.RecordingPath),
        SourceOptions = new SourceOptions { Speed = 0 },
        View = StatusView.None,
    };

    private static async Task<(int Exit, string Text, CaptureWriter Human)> Run(RunSettings settings, Func<GpioAlarmSpec, IAlarmLine>? openLine = null, Stream? stdout = null)
    {
        var human = new CaptureWriter();
        int exit = await DeviceRun.RunAsync(settings, new RunOutput(human, false, stdout ?? Stream.Null, openLine ?? (_ => new FakeAlarmLine())), Eventually.Limit());
        return (exit, human.Text, human);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/metrics")]
    private static partial Regex MetricsUrl();

    [GeneratedRegex(@"edgernn_samples_total (\d+)")]
    private static partial Regex SamplesTotal();
}
