using System.Diagnostics;
using System.Net;
using EdgeRnn.Device.Metrics;

namespace EdgeRnn.Device.Tests.Metrics;

/// <summary>A labelling run's scrape (<see cref="WindowMetrics"/>) passes <c>promtool check metrics</c> too.</summary>
public sealed class WindowMetricsPromtoolTests
{
    [Fact]
    public async Task Scrape_WindowMetricsWithValues_PassesPromtoolCheckMetrics()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("EDGERNN_EXPECT_CPU") is not null, "under the ARM64 emulation stage (EDGERNN_EXPECT_CPU set): checked on the host in stage 1");
        string? promtool = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "promtool"))
            .FirstOrDefault(File.Exists);
        Assert.SkipWhen(promtool is null, "promtool not found on PATH (apt-get install prometheus provides it; .ci/run installs it)");
        var metrics = new WindowMetrics(["calm", "quote\"back\\slash\nnewline"]);
        metrics.RecordSample();
        metrics.RecordWindow(TimeSpan.FromMicroseconds(40));
        metrics.RecordWindow(TimeSpan.FromMilliseconds(30));
        metrics.RecordReading(0);
        metrics.RecordReading(1);
        await using var server = MetricsServer.Start(new IPEndPoint(IPAddress.Loopback, 0), metrics.Render, TextWriter.Null);
        string response = await RawHttp.ExchangeAsync(server.EndPoint, RawHttp.Scrape);
        string body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

        var start = new ProcessStartInfo(promtool!, "check metrics") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(body);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        string said = (await output + await errors).Trim();
        Assert.Contains("edgernn_windows_total 2", body, StringComparison.Ordinal);
        Assert.True(process.ExitCode == 0 && said.Length == 0, $"promtool check metrics: exit {process.ExitCode}: {said}");
    }
}
