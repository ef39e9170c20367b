using System.Net;
using System.Text;
using EdgeRnn.Device.Metrics;

namespace EdgeRnn.Device.Tests.Metrics;

public sealed class MetricsServerTests : IAsyncLifetime
{
    private readonly DeviceMetrics _metrics = new();
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private MetricsServer _server = null!;

    private Uri Url(string path) => new($"http://127.0.0.1:{_server.EndPoint.Port}{path}");

    public ValueTask InitializeAsync()
    {
        _server = MetricsServer.Start(new IPEndPoint(IPAddress.Loopback, 0), _metrics.Render, TextWriter.Null);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    [Fact]
    public void Start_PortZero_BindsARealLoopbackPort()
    {
        Assert.Equal(IPAddress.Loopback, _server.EndPoint.Address);
        Assert.NotEqual(0, _server.EndPoint.Port);
    }

    [Fact]
    public async Task Get_Metrics_200WithPrometheusContentTypeAndCurrentValues()
    {
        _metrics.RecordSample(TimeSpan.FromMicroseconds(12), 0.5f);
        _metrics.RecordSample(TimeSpan.FromMicroseconds(12), 0.75f);
        using var response = await Http.GetAsync(Url("/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var samples = Exposition.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, Exposition.Value(samples, "edgernn_samples_total"));
        Assert.Equal(0.75, Exposition.Value(samples, "edgernn_anomaly_score"));
    }

    [Fact]
    public async Task Get_MetricsWithQuery_200()
    {
        using var response = await Http.GetAsync(Url("/metrics?name[]=edgernn_samples_total"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/metrics/")]
    [InlineData("/favicon.ico")]
    public async Task Get_OtherPath_404(string path)
    {
        using var response = await Http.GetAsync(Url(path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_Metrics_405WithAllow()
    {
        using var content = new StringContent("x");
        using var response = await Http.PostAsync(Url("/metrics"), content);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Head_Metrics_200WithoutBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, Url("/metrics"));
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_TwentyConcurrentScrapes_AllAnswered()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await Http.GetAsync(Url("/metrics"));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        Assert.All(responses, r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.NotEmpty(Exposition.Parse(r.Body));
        });
    }

    [Fact]
    public async Task Raw_OversizeRequestHead_431AndClosed()
    {
        string request = "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Filler: " + new string('a', MetricsServer.MaxRequestBytes) + "\r\n\r\n";
        string response = await RawAsync(request);
        Assert.StartsWith("HTTP/1.1 431 ", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage\r\n\r\n")]
    [InlineData("GET metrics HTTP/1.1\r\n\r\n")]
    [InlineData("GET /metrics SPDY/3\r\n\r\n")]
    [InlineData("get /metrics HTTP/1.1\r\n\r\n")]
    public async Task Raw_MalformedRequestLine_400(string request) =>
        Assert.StartsWith("HTTP/1.1 400 ", await RawAsync(request), StringComparison.Ordinal);

    [Fact]
    public async Task Raw_MinimalHttp10Request_200AndConnectionClosed()
    {
        string response = await RawAsync("GET /metrics HTTP/1.0\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", response, StringComparison.Ordinal);
        string body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.Contains($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n", response, StringComparison.Ordinal);
        Exposition.Parse(body);
    }

    private Task<string> RawAsync(string request) => RawHttp.ExchangeAsync(_server.EndPoint, request);
}
