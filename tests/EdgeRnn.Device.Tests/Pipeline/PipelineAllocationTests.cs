using System.Globalization;
using System.Net.Sockets;
using System.Text;
using EdgeRnn.Device.Persistence;
using EdgeRnn.Device.Scores;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Network;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Device.Tests.Persistence;
using EdgeRnn.Device.Tests.Sources;

namespace EdgeRnn.Device.Tests.Pipeline;

/// <summary>
/// A sample flowing from a real source (a CSV file, a TCP client) through the whole per-sample path (channel map, detector,
/// alarm monitor, metrics, state saver, label tally) allocates nothing once warm. Whole-process counts, least of three
/// windows, run alone (as <see cref="SourceAllocationTests"/>): an allocation per sample would cost at least 10,000 bytes.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class PipelineAllocationTests : IDisposable
{
    private const int Warm = 5_000;
    private const int Measured = 10_000;
    private const int Windows = 3;

    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-pipe-alloc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task RunAsync_CsvFileOnceWarm_AllocatesNothingPerSample()
    {
        string path = Path.Combine(_directory, "big.csv");
        await File.WriteAllTextAsync(path, "timestamp,c,a,b,label\n" + Encoding.ASCII.GetString(Lines(Warm + (Windows * Measured), withTime: true)));
        await using ISampleSource source = await SampleSources.OpenAsync(SourceSpec.Parse("csv:" + path), new SourceOptions(), TextWriter.Null, CancellationToken.None);
        var model = SmallModels.Forecaster(names: ["a", "b", "c"]);
        using var saver = new StateSaver(new StateStore(_directory, TextWriter.Null), new EdgeRnn.Runtime.AnomalyDetector(model).State, TimeSpan.FromHours(1), TextWriter.Null);
        using var parts = new PipelineParts(source, model, saver);
        long target = Warm;
        await parts.Pipeline.RunAsync(target, CancellationToken.None);

        long allocated = await LeastAllocated(() => parts.Pipeline.RunAsync(target += Measured, CancellationToken.None));

        Assert.Equal(Warm + (Windows * Measured), parts.Pipeline.Processed);
        Assert.True(allocated < Measured, $"Expected no allocation per sample; found {allocated} bytes for {Measured} samples.");
    }

    [Fact]
    public async Task RunAsync_CsvFileWithScoresFileOnceWarm_AllocatesNothingPerSampleOnEitherThread()
    {
        string path = Path.Combine(_directory, "big.csv");
        await File.WriteAllTextAsync(path, "timestamp,c,a,b,label\n" + Encoding.ASCII.GetString(Lines(Warm + (Windows * Measured), withTime: true)));
        await using ISampleSource source = await SampleSources.OpenAsync(SourceSpec.Parse("csv:" + path), new SourceOptions(), TextWriter.Null, CancellationToken.None);
        string scoresPath = Path.Combine(_directory, "scores.csv");
        using var parts = new PipelineParts(source, scores: ScoresWriter.Open(scoresPath, ScoresOverflow.Wait));
        ScoresWriter scores = parts.Scores!;
        long target = Warm;
        await parts.Pipeline.RunAsync(target, CancellationToken.None);
        Assert.True(SpinWait.SpinUntil(() => scores.Written == target, TimeSpan.FromSeconds(10)), "the warm-up rows written");

        // Each window also waits (without allocating) for the writer's thread to write its rows: the count covers both threads.
        long allocated = await LeastAllocated(async () =>
        {
            await parts.Pipeline.RunAsync(target += Measured, CancellationToken.None);
            Assert.True(SpinWait.SpinUntil(() => scores.Written == target, TimeSpan.FromSeconds(10)), "the window's rows written");
        });

        Assert.Equal(0, scores.Dropped);
        scores.Dispose();
        Assert.Equal(Warm + (Windows * Measured) + 1, File.ReadAllLines(scoresPath).Length);
        Assert.True(allocated < Measured, $"Expected no allocation per sample; found {allocated} bytes for {Measured} samples.");
    }

    [Fact]
    public async Task RunAsync_TcpClientOnceWarm_AllocatesNothingPerSample()
    {
        var options = new SourceOptions { QueueCapacity = 2 * Measured };
        await using var source = (TcpSampleSource)await SampleSources.OpenAsync(SourceSpec.Parse("tcp://127.0.0.1:0"), options, TextWriter.Null, CancellationToken.None);
        using var client = new TcpClient();
        await client.ConnectAsync(source.LocalEndPoint!);
        NetworkStream stream = client.GetStream();
        using var parts = new PipelineParts(source);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("a,b,c\n"));
        await stream.WriteAsync(Lines(Warm, withTime: false));
        long target = Warm;
        await parts.Pipeline.RunAsync(target, CancellationToken.None);
        byte[] measured = Lines(Measured, withTime: false);

        long allocated = await LeastAllocated(async () =>
        {
            await stream.WriteAsync(measured);
            await parts.Pipeline.RunAsync(target += Measured, CancellationToken.None);
        });

        Assert.Equal(0, source.Statistics.Dropped);
        Assert.True(allocated < Measured, $"Expected no allocation per sample; found {allocated} bytes for {Measured} samples.");
    }

    private static Task<long> LeastAllocated(Func<Task> window) => ProcessAllocations.LeastOf(Windows, window);

    private static byte[] Lines(int count, bool withTime)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            if (withTime)
            {
                text.Append(CultureInfo.InvariantCulture, $"{1767225600 + (i * 0.01):0.00},");
            }

            text.Append(CultureInfo.InvariantCulture, $"{MathF.Sin(i * 0.05f):0.000},{i % 10 * 0.1:0.0},{(i % 2) - 0.5}");
            text.Append(withTime ? (i % 500 == 0 ? ",1\n" : ",0\n") : "\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
