using System.Globalization;
using System.Net.Sockets;
using System.Text;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Network;
using EdgeRnn.Device.Sources.Specs;

namespace EdgeRnn.Device.Tests.Sources;

[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone
{
}

/// <summary>
/// Whole-process allocation counts, since sources continue on thread-pool threads. They run alone, and each takes the least
/// of three measured windows, so a stray allocation by the test runner cannot fail them while an allocation per sample
/// (10,000 bytes or more per window) always does.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class SourceAllocationTests : IDisposable
{
    private const int Warm = 5_000;
    private const int Measured = 10_000;
    private const int Windows = 3;

    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-alloc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ReadAsync_CsvFileOnceWarm_AllocatesNothingPerSample()
    {
        string path = Path.Combine(_directory, "big.csv");
        var text = new StringBuilder("timestamp,a,b,c,label\n");
        for (int i = 0; i < Warm + (Windows * Measured); i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{1767225600 + (i * 0.01):0.00},{i % 100 * 0.1:0.0},{-i % 7},{i},{i % 2}\n");
        }

        await File.WriteAllTextAsync(path, text.ToString());
        await using ISampleSource source = await SampleSources.OpenAsync(
            SourceSpec.Parse("csv:" + path), new SourceOptions(), TextWriter.Null, CancellationToken.None);
        var sample = new SampleBuffer(8);
        await Read(source, sample, Warm);

        long allocated = await LeastAllocated(() => Read(source, sample, Measured));

        Assert.False(await source.ReadAsync(sample, CancellationToken.None));
        Assert.True(allocated < Measured, $"Expected no allocation per sample; found {allocated} bytes for {Measured} samples.");
    }

    [Fact]
    public async Task ReadAsync_TcpClientOnceWarm_AllocatesNothingPerSample()
    {
        var options = new SourceOptions { ExpectedChannels = 3, QueueCapacity = 2 * Measured };
        await using var source = (TcpSampleSource)await SampleSources.OpenAsync(
            SourceSpec.Parse("tcp://127.0.0.1:0"), options, TextWriter.Null, CancellationToken.None);
        using var client = new TcpClient();
        await client.ConnectAsync(source.LocalEndPoint!);
        NetworkStream stream = client.GetStream();
        byte[] warm = Lines(Warm);
        byte[] measured = Lines(Measured);
        var sample = new SampleBuffer(3);
        await stream.WriteAsync(warm);
        await Read(source, sample, Warm);

        long allocated = await LeastAllocated(async () =>
        {
            await stream.WriteAsync(measured);
            await Read(source, sample, Measured);
        });

        Assert.Equal(Measured - 1, sample.Values[0]);
        Assert.Equal(0, source.Statistics.Dropped);
        Assert.True(allocated < Measured, $"Expected no allocation per sample; found {allocated} bytes for {Measured} samples.");
    }

    private static Task<long> LeastAllocated(Func<Task> window) => ProcessAllocations.LeastOf(Windows, window);

    private static async Task Read(ISampleSource source, SampleBuffer sample, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!await source.ReadAsync(sample, CancellationToken.None))
            {
                Assert.Fail($"Expected {count} samples; the source ended after {i}.");
            }
        }
    }

    private static byte[] Lines(int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},{i * 0.25},-1.5\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
