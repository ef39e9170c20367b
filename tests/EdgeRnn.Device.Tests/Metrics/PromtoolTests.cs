using System.Diagnostics;
using System.Net;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Device.Tests.Metrics;

/// <summary>A real scrape passes Prometheus's own checker, <c>promtool check metrics</c> (Debian's prometheus package).</summary>
public sealed class PromtoolTests
{
    [Fact]
    public async Task Scrape_EveryMetricWithValues_PassesPromtoolCheckMetrics()
    {
        // The ARM64 stage runs these tests under qemu-user, which would have to start the host's x64 promtool; the text
        // does not depend on the CPU, and stage 1 checks it.
        Assert.SkipWhen(Environment.GetEnvironmentVariable("EDGERNN_EXPECT_CPU") is not null, "under the ARM64 emulation stage (EDGERNN_EXPECT_CPU set): checked on the host in stage 1");
        string? promtool = FindOnPath("promtool");
        Assert.SkipWhen(promtool is null, "promtool not found on PATH (apt-get install prometheus provides it; .ci/run installs it)");
        var metrics = new DeviceMetrics(badFrameReasons: ["malformed", "channel_count"]);
        metrics.RecordSample(TimeSpan.FromMicroseconds(3), 0.25f);
        metrics.RecordSample(TimeSpan.FromMilliseconds(20), 0.9f);
        metrics.AlarmRaised();
        metrics.BadFrame("quote\"back\\slash\nnewline");
        metrics.SamplesDropped(2);
        metrics.StateSaved();
        metrics.SourceReconnected();
        metrics.SensorFault();
        metrics.ClockStepped(ClockStep.Gap);
        metrics.ChangePoint(LevelShift.Up);
        metrics.ScoreRowsDropped();
        await using var server = MetricsServer.Start(new IPEndPoint(IPAddress.Loopback, 0), metrics.Render, TextWriter.Null);
        string response = await RawHttp.ExchangeAsync(server.EndPoint, RawHttp.Scrape);
        string body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

        var start = new ProcessStartInfo(promtool!, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(body);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        string said = (await output + await errors).Trim();
        Assert.True(process.ExitCode == 0 && said.Length == 0, $"promtool check metrics: exit {process.ExitCode}: {said}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
