using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Simulation;
using EdgeRnn.Device.Sources.Specs;

namespace EdgeRnn.Device.Tests.Sources.Simulation;

public sealed class SimPumpSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-sim-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ReadAsync_CountGiven_EndsAfterCountLessGaps()
    {
        await using ISampleSource source = await Open("sim:pump?seed=2&count=300&rate=100&speed=max&fault=gap@100+20,spike@200");
        var sample = new SampleBuffer(4);
        var times = new List<long>();
        var labels = new List<float>();
        while (await source.ReadAsync(sample, CancellationToken.None))
        {
            times.Add(sample.TimestampMicroseconds);
            labels.Add(sample.Label);
        }

        Assert.Equal(280, times.Count);
        Assert.Equal(210_000, times[100] - times[99]);
        Assert.Equal(3, labels.Count(l => l == 1f));
        Assert.Equal(["vibration_rms", "temperature", "motor_current"], source.ChannelNames);
        Assert.Equal(280, source.Statistics.Samples);
    }

    [Fact]
    public async Task ReadAsync_PacedAtSpeed_DeliversTheSameSamples()
    {
        float[][] fast = await ReadAll("sim:pump?seed=4&count=30&rate=100&speed=max");
        float[][] paced = await ReadAll("sim:pump?seed=4&count=30&rate=100&speed=20");

        Assert.Equal(fast, paced);
    }

    [Fact]
    public async Task WriteCsv_ReplayedThroughCsvSource_GivesTheSimulatedSamplesAndLabels()
    {
        string path = Path.Combine(_directory, "pump.csv");
        PumpFault[] faults = PumpFault.ParseList("dropout@50+5,stuck@120+30");

        long rows = SimPump.WriteCsv(path, 400, seed: 11, faults);
        string again = Path.Combine(_directory, "again.csv");
        SimPump.WriteCsv(again, 400, seed: 11, faults);

        Assert.Equal(400, rows);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
        Assert.StartsWith("timestamp,vibration_rms,temperature,motor_current,label\n2026-01-01T00:00:00.000000Z,", File.ReadAllText(path), StringComparison.Ordinal);
        await using ISampleSource simulated = await Open("sim:pump?seed=11&count=400&rate=100&speed=max&fault=dropout@50+5,stuck@120+30");
        await using ISampleSource replay = await Open("csv:" + path);
        var expected = new SampleBuffer(4);
        var actual = new SampleBuffer(4);
        for (int i = 0; i < 400; i++)
        {
            Assert.True(await simulated.ReadAsync(expected, CancellationToken.None));
            Assert.True(await replay.ReadAsync(actual, CancellationToken.None));
            Assert.Equal(expected.Label, actual.Label);
            Assert.Equal(new DateTimeOffset(SimPump.Epoch).ToUnixTimeMilliseconds() * 1000 + (i * 10_000), actual.TimestampMicroseconds);
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(expected.Values[c], actual.Values[c], 0.0001f);
            }
        }

        Assert.False(await replay.ReadAsync(actual, CancellationToken.None));
        Assert.Equal(5, replay.Statistics.Frames.NonFiniteFrames);
        Assert.Equal(0, replay.Statistics.Frames.BadFrames);
    }

    [Fact]
    public async Task ReadAsync_AtMaxSpeedOnceWarm_AllocatesNothing()
    {
        await using ISampleSource source = await Open("sim:pump?seed=1&speed=max&fault=noise@100+50,dropout@300+10,noise@20000+5000,dropout@23000+10");
        var sample = new SampleBuffer(4);
        for (int i = 0; i < 10_000; i++)
        {
            Assert.True(await source.ReadAsync(sample, CancellationToken.None));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20_000; i++)
        {
            Assert.True(await source.ReadAsync(sample, CancellationToken.None));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static async Task<float[][]> ReadAll(string spec)
    {
        await using ISampleSource source = await Open(spec);
        var sample = new SampleBuffer(4);
        var rows = new List<float[]>();
        while (await source.ReadAsync(sample, CancellationToken.None))
        {
            rows.Add(sample.Values.ToArray());
        }

        return [.. rows];
    }

    private static async Task<ISampleSource> Open(string spec) =>
        await SampleSources.OpenAsync(SourceSpec.Parse(spec), new SourceOptions(), TextWriter.Null, CancellationToken.None);
}
