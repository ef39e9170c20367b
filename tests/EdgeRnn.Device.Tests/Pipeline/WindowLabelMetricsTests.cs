using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Device.Tests.Alarms;
using EdgeRnn.Device.Tests.Sources;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Device.Tests.Pipeline;

/// <summary><c>edgernn-device run --metrics</c> with a bidirectional labelling model: samples, windows, window run times and readings by class.</summary>
public sealed partial class WindowLabelMetricsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-window-metrics-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Render_CountsSamplesWindowsAndReadingsByClass()
    {
        var metrics = new WindowMetrics(["calm", "bu\"sy"]);
        for (int i = 0; i < 7; i++)
        {
            metrics.RecordSample();
        }

        metrics.RecordWindow(TimeSpan.FromTicks(30));
        metrics.RecordWindow(TimeSpan.FromTicks(600));
        metrics.RecordReading(0);
        metrics.RecordReading(1);
        metrics.RecordReading(1);

        string text = metrics.Render();

        Assert.Contains("edgernn_samples_total 7\n", text, StringComparison.Ordinal);
        Assert.Contains("edgernn_windows_total 2\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE edgernn_window_latency_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("edgernn_window_latency_seconds_bucket{le=\"0.000005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("edgernn_window_latency_seconds_bucket{le=\"+Inf\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("edgernn_window_latency_seconds_count 2\n", text, StringComparison.Ordinal);
        Assert.Contains("edgernn_readings_total{class=\"calm\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("edgernn_readings_total{class=\"bu\\\"sy\"} 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LabelModelWithMetrics_ServesWindowsAndReadingsWhileRunning()
    {
        string model = WindowLabelRunTests.SaveModel(_directory, ModelTask.Label);
        var settings = new RunSettings
        {
            ModelPath = model,
            Source = SourceSpec.Parse("sim:pump?rate=200&speed=1"),
            SourceOptions = new SourceOptions { Speed = 0 },
            View = StatusView.None,
            WindowSamples = 20,
            WindowEvery = 10,
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
                return Count(body, "edgernn_windows_total") > 1 && Count(body, "edgernn_readings_total{class=\"calm\"}") + Count(body, "edgernn_readings_total{class=\"busy\"}") > 0;
            },
            "a scrape with windows and readings counted");
        await stop.CancelAsync();

        Assert.Equal(DeviceRun.Ok, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(Count(body, "edgernn_samples_total") >= 10 * Count(body, "edgernn_windows_total"));
        Assert.Contains("edgernn_window_latency_seconds_count ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("--metrics apply to anomaly scores", human.Text, StringComparison.Ordinal);
    }

    private static long Count(string body, string name)
    {
        var match = Regex.Match(body, "^" + Regex.Escape(name) + @" (\d+)$", RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/metrics")]
    private static partial Regex MetricsUrl();
}
