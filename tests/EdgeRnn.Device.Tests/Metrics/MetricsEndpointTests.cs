using System.Net;
using EdgeRnn.Device.Metrics;

namespace EdgeRnn.Device.Tests.Metrics;

public class MetricsEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1:9108", "127.0.0.1:9108")]
    [InlineData("9200", "127.0.0.1:9200")]
    [InlineData(":9200", "127.0.0.1:9200")]
    [InlineData("localhost:0", "127.0.0.1:0")]
    [InlineData("[::1]:9108", "[::1]:9108")]
    [InlineData("192.168.1.20:9108", "192.168.1.20:9108")]
    public void Parse_Allowed_EndPoint(string text, string expected) =>
        Assert.Equal(IPEndPoint.Parse(expected), MetricsEndpoint.Parse(text, allowPublic: false));

    [Theory]
    [InlineData("0.0.0.0:9108")]
    [InlineData("[::]:9108")]
    public void Parse_WildcardWithoutPublic_RefusedNamingTheFlag(string text)
    {
        var e = Assert.Throws<FormatException>(() => MetricsEndpoint.Parse(text, allowPublic: false));
        Assert.Contains("--metrics-public", e.Message, StringComparison.Ordinal);
        Assert.Equal(IPEndPoint.Parse(text), MetricsEndpoint.Parse(text, allowPublic: true));
    }

    [Theory]
    [InlineData("127.0.0.1:", "found port ''")]
    [InlineData("127.0.0.1:70000", "found port '70000'")]
    [InlineData("pump.local:9108", "found host 'pump.local'")]
    [InlineData("::1:9108", "found host '::1'")]
    [InlineData("[127.0.0.1]:9108", "found host '[127.0.0.1]'")]
    public void Parse_Invalid_SaysWhatWasFound(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => MetricsEndpoint.Parse(text, allowPublic: true));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
