using System.Globalization;
using System.Text;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Streaming;

namespace EdgeRnn.Device.Tests.Streaming;

[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone
{
}

/// <summary>Whole-process allocation counts: these tests run alone so that no other test's allocations are counted.</summary>
[Collection(nameof(RunsAlone))]
public sealed class SourceAllocationTests : IDisposable
{
    private const int Warm = 5_000;
    private const int Measured = 10_000;

    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-alloc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ReadAsync_CsvFileOnceWarm_AllocatesNothingPerSample()
    {
        string path = Path.Combine(_directory, "big.csv");
        var text = new StringBuilder("timestamp,a,b,c,label\n");
        for (int i = 0; i < Warm + Measured; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{1767225600 + (i * 0.01):0.00},{i % 100 * 0.1:0.0},{-i % 7},{i},{i % 2}\n");
        }

        await File.WriteAllTextAsync(path, text.ToString());
        await using ISampleSource source = await SampleSources.OpenAsync(
            SourceSpec.Parse("csv:" + path), new SourceOptions(), null, CancellationToken.None);
        var sample = new SampleBuffer(8);
        for (int i = 0; i < Warm; i++)
        {
            Assert.True(await source.ReadAsync(sample, CancellationToken.None));
        }

        long before = GC.GetTotalAllocatedBytes(precise: true);
        int read = 0;
        while (await source.ReadAsync(sample, CancellationToken.None))
        {
            read++;
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(Measured, read);
        Assert.True(allocated < Measured, $"Expected no allocation per sample; found {allocated} bytes for {read} samples.");
    }
}
