using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Network;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Device.Tests.Framing;

namespace EdgeRnn.Device.Tests.Sources.Network;

public class UdpSampleSourceTests
{
    [Fact]
    public async Task ReadAsync_CsvAndBinaryDatagrams_AreParsedEachWhole()
    {
        await using UdpSampleSource source = await Start("udp://127.0.0.1:0");
        using var sender = new UdpClient();
        sender.Connect(source.LocalEndPoint!);
        var sample = new SampleBuffer(8);

        await sender.SendAsync(Encoding.ASCII.GetBytes("x,y\n1,2\n3,4"));
        byte[] two = [.. BinaryFrameTests.Frame([5f, 6f], 77), .. BinaryFrameTests.Frame([7f, 8f], 78)];
        await sender.SendAsync(two);
        await sender.SendAsync(BinaryFrameTests.Frame([9f, 10f], 79).AsMemory(0, 12));
        await sender.SendAsync(Encoding.ASCII.GetBytes("11,12\n"));

        var rows = new List<float[]>();
        for (int i = 0; i < 5; i++)
        {
            Assert.True(await source.ReadAsync(sample, Eventually.Limit()));
            rows.Add(sample.Values.ToArray());
        }

        Assert.Equal([[1f, 2f], [3f, 4f], [5f, 6f], [7f, 8f], [11f, 12f]], rows);
        Assert.Equal(1, source.Statistics.Frames.BadFramesOf(BadFrameReason.Truncated));
        Assert.Equal(["x", "y"], source.ChannelNames);
    }

    [Fact]
    public async Task ReadAsync_BinaryFormatForced_TreatsTextAsGarbage()
    {
        await using UdpSampleSource source = await Start("udp://127.0.0.1:0?format=binary");
        using var sender = new UdpClient();
        sender.Connect(source.LocalEndPoint!);
        var sample = new SampleBuffer(8);

        await sender.SendAsync(Encoding.ASCII.GetBytes("1,2\n"));
        await sender.SendAsync(BinaryFrameTests.Frame([1f, 2f], 5));

        Assert.True(await source.ReadAsync(sample, Eventually.Limit()));
        Assert.Equal(5, sample.TimestampMicroseconds);
        Assert.Equal(1, source.Statistics.Frames.BadFramesOf(BadFrameReason.Garbage));
    }

    [Fact]
    public async Task StartAsync_PortTaken_BindsAgainWithBackOffOncePortIsFree()
    {
        var blocker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        blocker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)blocker.LocalEndPoint!).Port;
        var options = new SourceOptions { ReconnectDelay = TimeSpan.FromMilliseconds(20), MaxReconnectDelay = TimeSpan.FromMilliseconds(80) };
        await using UdpSampleSource source = await Start($"udp://127.0.0.1:{port}", options);

        await Eventually.True(() => source.Statistics.Reconnects >= 2, "two failed attempts to bind");
        blocker.Dispose();
        await Eventually.True(() => source.LocalEndPoint is not null, "the source to bind once the port is free");
        using var sender = new UdpClient();
        sender.Connect(source.LocalEndPoint!);
        await sender.SendAsync(Encoding.ASCII.GetBytes("8\n"));
        var sample = new SampleBuffer(4);

        Assert.True(await source.ReadAsync(sample, Eventually.Limit()));
        Assert.Equal(8f, sample.Values[0]);
    }

    private static async Task<UdpSampleSource> Start(string spec, SourceOptions? options = null) =>
        (UdpSampleSource)await SampleSources.OpenAsync(SourceSpec.Parse(spec), options ?? new SourceOptions(), TextWriter.Null, CancellationToken.None);
}
