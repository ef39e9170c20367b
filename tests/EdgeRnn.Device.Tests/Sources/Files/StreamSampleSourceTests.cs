using System.IO.Pipes;
using System.Text;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Files;
using EdgeRnn.Device.Sources.Specs;

namespace EdgeRnn.Device.Tests.Sources.Files;

public sealed class StreamSampleSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-stream-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ReadAsync_CsvFile_ReadsEverySampleThenEnds()
    {
        string path = Write("pump.csv", "timestamp,vib,temp,label\n1767225600.00,1.5,40,0\n1767225600.01,oops,41,0\n1767225600.02,1.7,42,1\n");
        await using ISampleSource source = await Open("csv:" + path, new SourceOptions());
        var sample = new SampleBuffer(8);
        var rows = new List<(long Time, float[] Values, float Label)>();

        while (await source.ReadAsync(sample, CancellationToken.None))
        {
            rows.Add((sample.TimestampMicroseconds, sample.Values.ToArray(), sample.Label));
        }

        Assert.Equal(2, rows.Count);
        Assert.Equal(1_767_225_600_000_000L, rows[0].Time);
        Assert.Equal([1.7f, 42f], rows[1].Values);
        Assert.Equal(1f, rows[1].Label);
        Assert.Equal(["vib", "temp"], source.ChannelNames);
        Assert.Equal(2, source.ChannelCount);
        Assert.Equal(2, source.Statistics.Samples);
        Assert.Equal(1, source.Statistics.Frames.BadFramesOf(BadFrameReason.NotANumber));
        Assert.False(await source.ReadAsync(sample, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_CsvFileAtSpeed_PacesByTimestampsAndKeepsOrder()
    {
        var text = new StringBuilder("t,a\n");
        for (int i = 0; i < 20; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{100 + (i * 0.01)},{i}\n");
        }

        string path = Write("paced.csv", text.ToString());
        await using ISampleSource source = await Open("csv:" + path, new SourceOptions { Speed = 50 });
        var sample = new SampleBuffer(4);
        var values = new List<float>();
        while (await source.ReadAsync(sample, CancellationToken.None))
        {
            values.Add(sample.Values[0]);
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (float)i), values);
    }

    [Fact]
    public async Task ReadAsync_PacedReplayCancelled_ThrowsOperationCanceled()
    {
        string path = Write("slow.csv", "t,a\n0,1\n1000,2\n");
        await using ISampleSource source = await Open("csv:" + path, new SourceOptions { Speed = 1 });
        var sample = new SampleBuffer(4);
        using var cancel = new CancellationTokenSource();

        Assert.True(await source.ReadAsync(sample, cancel.Token));
        ValueTask<bool> waiting = source.ReadAsync(sample, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
    }

    [Fact]
    public async Task ReadAsync_FileWithoutTimestamps_StampsAtTheNominalRate()
    {
        string path = Write("plain.csv", "1\n2\n3\n");
        await using ISampleSource source = await Open("csv:" + path, new SourceOptions { NominalRate = 4 });
        var sample = new SampleBuffer(4);
        var times = new List<long>();
        while (await source.ReadAsync(sample, CancellationToken.None))
        {
            Assert.False(sample.HasTimestamp);
            times.Add(sample.TimestampMicroseconds);
        }

        Assert.Equal([250_000L, 250_000L], times.Zip(times.Skip(1), (a, b) => b - a));
    }

    [Fact]
    public async Task StartAsync_MissingFile_SaysWhereItLooked()
    {
        string path = Path.Combine(_directory, "missing.csv");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(async () => await Open("csv:" + path, new SourceOptions()));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_StdinStreamWrittenLineByLine_ReadsSamplesAsTheyArriveAndEndsAtEof()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        await using var source = new StreamSampleSource("stdin", () => client, replay: false, new SourceOptions());
        await source.StartAsync(CancellationToken.None);
        var sample = new SampleBuffer(4);

        await server.WriteAsync("a,b\n1,2\n3,"u8.ToArray());
        await server.FlushAsync();
        Assert.True(await source.ReadAsync(sample, CancellationToken.None));
        Assert.Equal([1f, 2f], sample.Values.ToArray());
        long before = UnixClock.NowMicroseconds();
        await server.WriteAsync("4\r\n5,6"u8.ToArray());
        server.Close();

        Assert.True(await source.ReadAsync(sample, CancellationToken.None));
        Assert.Equal([3f, 4f], sample.Values.ToArray());
        Assert.True(sample.TimestampMicroseconds >= before);
        Assert.True(await source.ReadAsync(sample, CancellationToken.None));
        Assert.Equal([5f, 6f], sample.Values.ToArray());
        Assert.False(await source.ReadAsync(sample, CancellationToken.None));
        Assert.Equal(["a", "b"], source.ChannelNames);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<ISampleSource> Open(string spec, SourceOptions options) =>
        await SampleSources.OpenAsync(SourceSpec.Parse(spec), options, TextWriter.Null, CancellationToken.None);
}
