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

public class TcpSampleSourceTests
{
    [Fact]
    public async Task ReadAsync_TwoClientsOneDisconnects_MergesSamplesAndOthersContinue()
    {
        await using TcpSampleSource source = await Start("tcp://127.0.0.1:0", new SourceOptions());
        using var first = await Connect(source);
        using var second = await Connect(source);
        var sample = new SampleBuffer(8);

        await Send(first, "a,b\n1,1\n2,2\n");
        await Send(second, "a,b\n100,100\n");
        var seen = new List<float>();
        for (int i = 0; i < 3; i++)
        {
            Assert.True(await source.ReadAsync(sample, Eventually.Limit()));
            seen.Add(sample.Values[0]);
        }

        first.Close();
        await Eventually.True(() => source.Statistics.Disconnects == 1, "the first client's disconnect to be counted");
        await Eventually.True(() => source.ClientCount == 1, "one client left connected");
        await Send(second, "101,101\n102,102\n");
        for (int i = 0; i < 2; i++)
        {
            Assert.True(await source.ReadAsync(sample, Eventually.Limit()));
            seen.Add(sample.Values[0]);
        }

        Assert.Equal([1f, 2f, 100f, 101f, 102f], seen.Order());
        Assert.Equal(2, source.Statistics.Connections);
        Assert.Equal(["a", "b"], source.ChannelNames);
        Assert.Equal(5, source.Statistics.Samples);
    }

    [Fact]
    public async Task ReadAsync_BinaryFramesWithCorruption_AutoDetectedAndResynchronised()
    {
        await using TcpSampleSource source = await Start("tcp://127.0.0.1:0", new SourceOptions());
        using var client = await Connect(source);
        byte[] corrupt = BinaryFrameTests.Frame([9f, 9f], 1);
        corrupt[16] ^= 1;
        byte[] stream = [.. BinaryFrameTests.Frame([1f, 2f], 1_000), .. corrupt, .. "junk"u8, .. BinaryFrameTests.Frame([3f, 4f], 2_000)];
        var sample = new SampleBuffer(8);

        foreach (byte[] piece in stream.Chunk(7))
        {
            await client.GetStream().WriteAsync(piece);
        }

        Assert.True(await source.ReadAsync(sample, Eventually.Limit()));
        Assert.Equal([1f, 2f], sample.Values.ToArray());
        Assert.Equal(1_000, sample.TimestampMicroseconds);
        Assert.True(await source.ReadAsync(sample, Eventually.Limit()));
        Assert.Equal([3f, 4f], sample.Values.ToArray());
        Assert.Equal(1, source.Statistics.Frames.BadFramesOf(BadFrameReason.CrcMismatch));
    }

    [Fact]
    public async Task ReadAsync_ClientWithOtherChannelCount_IsCountedAsMismatch()
    {
        await using TcpSampleSource source = await Start("tcp://127.0.0.1:0?format=csv", new SourceOptions { ExpectedChannels = 2 });
        using var client = await Connect(source);
        var sample = new SampleBuffer(8);

        await Send(client, "1,2,3\n4,5\n");

        Assert.True(await source.ReadAsync(sample, Eventually.Limit()));
        Assert.Equal([4f, 5f], sample.Values.ToArray());
        Assert.Equal(1, source.Statistics.Frames.BadFramesOf(BadFrameReason.WrongFieldCount));
    }

    [Fact]
    public async Task StartAsync_PortTaken_ListensAgainWithBackOffOncePortIsFree()
    {
        var blocker = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        blocker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        blocker.Listen();
        int port = ((IPEndPoint)blocker.LocalEndPoint!).Port;
        var options = new SourceOptions { ReconnectDelay = TimeSpan.FromMilliseconds(20), MaxReconnectDelay = TimeSpan.FromMilliseconds(80) };
        await using TcpSampleSource source = await Start($"tcp://127.0.0.1:{port}", options);

        Assert.Null(source.LocalEndPoint);
        await Eventually.True(() => source.Statistics.Reconnects >= 2, "two failed attempts to listen");
        blocker.Dispose();
        await Eventually.True(() => source.LocalEndPoint is not null, "the source to listen once the port is free");
        using var client = await Connect(source);
        await Send(client, "7\n");
        var sample = new SampleBuffer(4);

        Assert.True(await source.ReadAsync(sample, Eventually.Limit()));
        Assert.Equal(7f, sample.Values[0]);
    }

    [Fact]
    public async Task DisposeAsync_WithConnectedClientAndWaitingReader_EndsEverything()
    {
        TcpSampleSource source = await Start("tcp://127.0.0.1:0", new SourceOptions());
        using var client = await Connect(source);
        await Eventually.True(() => source.Statistics.Connections == 1, "the client to be accepted");
        ValueTask<bool> waiting = source.ReadAsync(new SampleBuffer(4), CancellationToken.None);

        await source.DisposeAsync();

        Assert.False(await waiting);
        Assert.Equal(1, source.Statistics.Disconnects);
    }

    private static async Task<TcpSampleSource> Start(string spec, SourceOptions options) =>
        (TcpSampleSource)await SampleSources.OpenAsync(SourceSpec.Parse(spec), options, TextWriter.Null, CancellationToken.None);

    private static async Task<TcpClient> Connect(TcpSampleSource source)
    {
        var client = new TcpClient();
        await client.ConnectAsync(source.LocalEndPoint!);
        return client;
    }

    private static async Task Send(TcpClient client, string text) =>
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(text));
}
