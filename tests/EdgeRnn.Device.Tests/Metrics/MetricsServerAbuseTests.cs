using System.Net;
using System.Text;
using EdgeRnn.Device.Metrics;

namespace EdgeRnn.Device.Tests.Metrics;

/// <summary>
/// Scrapes keep being answered while one client holds many connections open without finishing a request (a slowloris)
/// or sends garbage. Real sockets on loopback.
/// </summary>
public sealed class MetricsServerAbuseTests : IAsyncLifetime
{
    // The liveness bound: the target is 1 s; the bound is generous for a loaded 2-core machine or emulation, and below
    // the 5 s head deadline so a scrape cannot pass by waiting for the loitering connections to time out.
    private static readonly TimeSpan Deadline = MetricsServer.RequestTimeout - TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ConnectPatience = TimeSpan.FromSeconds(10);
    private readonly DeviceMetrics _metrics = new();
    private MetricsServer _server = null!;

    public ValueTask InitializeAsync()
    {
        _server = MetricsServer.Start(new IPEndPoint(IPAddress.Loopback, 0), _metrics.Render, TextWriter.Null);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Scrape_After250IdleConnections_AnsweredWithinTheDeadline()
    {
        using var idle = await LoiteringClients.ConnectAsync(_server.EndPoint, 250, ConnectPatience);

        await RawHttp.ScrapeWithinAsync(_server.EndPoint, Deadline);

        Assert.Equal(250, idle.Connected);
        Assert.Equal(0, _server.Evictions);
    }

    [Fact]
    public async Task Scrape_While250ClientsSendAByteASecond_AnsweredWithinTheDeadline()
    {
        using var slow = await LoiteringClients.ConnectAsync(_server.EndPoint, 250, ConnectPatience);
        using var stop = new CancellationTokenSource();
        var dripping = slow.DripAsync(stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        try
        {
            await RawHttp.ScrapeWithinAsync(_server.EndPoint, Deadline);
        }
        finally
        {
            await stop.CancelAsync();
            await dripping;
        }

        Assert.Equal(250, slow.Connected);
    }

    [Fact]
    public async Task Scrape_MoreIdleConnectionsThanTheCap_AnsweredAndTheOldestIdleOnesClosed()
    {
        int count = MetricsServer.MaxConnections + 64;
        using var idle = await LoiteringClients.ConnectAsync(_server.EndPoint, count, ConnectPatience);
        // On a loaded machine a connect or two may miss the patience; what matters is that well over the cap got in.
        int over = idle.Connected - MetricsServer.MaxConnections;
        Assert.True(over >= 32, $"expected at least {MetricsServer.MaxConnections + 32} connections, found {idle.Connected}");

        await RawHttp.ScrapeWithinAsync(_server.EndPoint, Deadline);

        Assert.InRange(_server.PeakOpenConnections, 1, MetricsServer.MaxConnections);
        Assert.InRange(_server.OpenConnections, 0, MetricsServer.MaxConnections);
        Assert.True(_server.Evictions >= over, $"expected at least {over} evictions, found {_server.Evictions}");
        await Eventually(() => idle.ClosedByServer >= over, () => $"expected the server to close at least {over} idle connections; it closed {idle.ClosedByServer}");
    }

    [Fact]
    public async Task DisposeAsync_SlowClientsHoldingBuffers_EveryBufferReturnedAndEveryConnectionClosed()
    {
        using var slow = await LoiteringClients.ConnectAsync(_server.EndPoint, 50, ConnectPatience);
        using (var stop = new CancellationTokenSource())
        {
            var dripping = slow.DripAsync(stop.Token);
            await Eventually(() => _server.RentedBuffers == 50, () => $"expected 50 buffers rented; found {_server.RentedBuffers}");
            await stop.CancelAsync();
            await dripping;
        }

        await _server.DisposeAsync();

        Assert.Equal(0, _server.RentedBuffers);
        Assert.Equal(0, _server.OpenConnections);
        await Eventually(() => slow.ClosedByServer == 50, () => $"expected all 50 closed; {slow.ClosedByServer} were");
    }

    [Fact]
    public async Task Raw_600MalformedRequests_EachAnsweredWith4xxOrClosed_ThenScrapesAnswered()
    {
        var random = new Random(16);
        var requests = Enumerable.Range(0, 600).Select(i => Malformed(i, random)).ToArray();
        using var gate = new SemaphoreSlim(16);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var answers = await Task.WhenAll(requests.Select(async r =>
        {
            await gate.WaitAsync(timeout.Token);
            try
            {
                return Encoding.ASCII.GetString(await RawHttp.ExchangeAsync(_server.EndPoint, r.Bytes, r.HalfClose, timeout.Token));
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.All(answers, a => Assert.True(a.Length == 0 || a.StartsWith("HTTP/1.1 4", StringComparison.Ordinal), $"unexpected answer: {a[..Math.Min(a.Length, 40)]}"));
        Assert.Contains(answers, a => a.StartsWith("HTTP/1.1 400 ", StringComparison.Ordinal));
        Assert.Contains(answers, a => a.StartsWith("HTTP/1.1 431 ", StringComparison.Ordinal));
        await RawHttp.ScrapeWithinAsync(_server.EndPoint, Deadline);
        await Eventually(() => _server.OpenConnections == 0 && _server.RentedBuffers == 0, () => $"expected every connection closed and buffer returned; {_server.OpenConnections} open, {_server.RentedBuffers} rented");
    }

    private static async Task Eventually(Func<bool> condition, Func<string> failure)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, failure());
            await Task.Delay(20);
        }
    }

    // Seven kinds, in turn: garbage lines, random binary heads, unfinished heads then end of stream, oversize heads,
    // NUL bytes, lone terminators, and request lines with the wrong shape.
    private static (byte[] Bytes, bool HalfClose) Malformed(int i, Random random)
    {
        switch (i % 7)
        {
            case 0:
                return (Encoding.ASCII.GetBytes($"garbage {i}\r\n\r\n"), false);
            case 1:
                var binary = new byte[random.Next(1, 2000)];
                random.NextBytes(binary);
                return ([.. binary, .. "\r\n\r\n"u8], false);
            case 2:
                return (Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nHost: x\r\n"[..random.Next(0, 33)]), true);
            case 3:
                return (Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nX: " + new string('z', MetricsServer.MaxRequestBytes + random.Next(0, 5000)) + "\r\n\r\n"), false);
            case 4:
                return ([.. "GET /\0\0\0 HTTP/1.1\r\n"u8, 0, 0, .. "\r\n\r\n"u8], false);
            case 5:
                return ("\r\n\r\n"u8.ToArray(), false);
            default:
                return (Encoding.ASCII.GetBytes(new[] { "GET  HTTP/1.1\r\n\r\n", "GET /metrics\r\n\r\n", "GET /metrics HTTP/1.1 extra\r\n\r\n", "G\u00e9T /metrics HTTP/1.1\r\n\r\n" }[i % 4]), false);
        }
    }
}
