using System.Net.Sockets;
using System.Text;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Streaming;
using EdgeRnn.Device.Tests.Framing;

namespace EdgeRnn.Device.Tests.Streaming;

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

    private static async Task<UdpSampleSource> Start(string spec) =>
        (UdpSampleSource)await SampleSources.OpenAsync(SourceSpec.Parse(spec), new SourceOptions(), null, CancellationToken.None);
}
