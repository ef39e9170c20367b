using System.Diagnostics;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;
using EdgeRnn.Device.Sources.Sensors;

namespace EdgeRnn.Device.Tests.Sources.Sensors;

public class SensorSampleSourceTests
{
    [Fact]
    public async Task ReadAsync_HealthySensor_StampedSamplesWithItsNamesAndValues()
    {
        var sensor = new ScriptedSensor(failAt: []);
        await using var source = new SensorSampleSource("i2c:1:0x68:test", sensor, rate: 1000, (0, TimeSpan.Zero), TextWriter.Null);
        await source.StartAsync(CancellationToken.None);
        var sample = new SampleBuffer(8);
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

        Assert.True(await source.ReadAsync(sample, Eventually.Limit()));
        Assert.True(await source.ReadAsync(sample, Eventually.Limit()));

        Assert.Equal(["x", "y"], source.ChannelNames);
        Assert.Equal([2f, -2f], sample.Values.ToArray());
        Assert.True(sample.HasTimestamp);
        Assert.InRange(sample.TimestampMicroseconds, before, before + 60_000_000);
        Assert.Equal(2, source.Statistics.Samples);
    }

    [Fact]
    public async Task ReadAsync_ReadFailsEveryRetry_NaNSampleLoggedOnceThenRecovers()
    {
        var sensor = new ScriptedSensor(failAt: [2, 3, 4, 5, 6, 7]);
        var log = new StringWriter();
        await using var source = new SensorSampleSource("i2c:1:0x68:test", sensor, rate: 1000, (1, TimeSpan.Zero), log);
        await source.StartAsync(CancellationToken.None);
        var sample = new SampleBuffer(8);
        var firsts = new List<float>();
        for (int i = 0; i < 5; i++)
        {
            Assert.True(await source.ReadAsync(sample, Eventually.Limit()));
            firsts.Add(sample.Values[0]);
        }

        // Reads 2+3 fail (first attempt and retry) → NaN; 4+5 → NaN; 6+7 → NaN; read 8 succeeds.
        Assert.Equal(1f, firsts[0]);
        Assert.True(float.IsNaN(firsts[1]) && float.IsNaN(firsts[2]) && float.IsNaN(firsts[3]));
        Assert.Equal(8f, firsts[4]);
        Assert.Equal(3, source.FaultedReads);
        Assert.Equal(3, source.Statistics.Frames.NonFiniteFrames);
        string text = log.ToString();
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("i2c:1:0x68:test: read failed after 2 attempts (1 in a row), holding the last values: errno 121", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ReaderFarBehind_SkipsMissedTicksAndCountsThemDropped()
    {
        await using var source = new SensorSampleSource("sensor", new ScriptedSensor(failAt: []), rate: 1000, (0, TimeSpan.Zero), TextWriter.Null);
        await source.StartAsync(CancellationToken.None);
        var sample = new SampleBuffer(8);
        await source.ReadAsync(sample, Eventually.Limit());
        var late = Stopwatch.StartNew();
        while (late.ElapsedMilliseconds < 50)
        {
            Thread.Sleep(5);
        }

        Assert.True(await source.ReadAsync(sample, Eventually.Limit()));

        Assert.InRange(source.Statistics.Dropped, 40, 5000);
        Assert.Equal(2, source.Statistics.Samples);
    }

    [Fact]
    public void Constructor_RateOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SensorSampleSource("s", new ScriptedSensor([]), 0, (0, TimeSpan.Zero), TextWriter.Null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SensorSampleSource("s", new ScriptedSensor([]), double.NaN, (0, TimeSpan.Zero), TextWriter.Null));
    }

    [Fact]
    public async Task DisposeAsync_DisposesTheSensor()
    {
        var sensor = new ScriptedSensor([]);
        var source = new SensorSampleSource("s", sensor, 10, (0, TimeSpan.Zero), TextWriter.Null);

        await source.DisposeAsync();

        Assert.True(sensor.Disposed);
    }

    /// <summary>Call n (1-based) gives (n, -n), or fails with an I/O error when n is listed.</summary>
    private sealed class ScriptedSensor(int[] failAt) : ISensor
    {
        private int _calls;

        public bool Disposed { get; private set; }

        public int ChannelCount => 2;

        public IReadOnlyList<string> ChannelNames { get; } = ["x", "y"];

        public void Read(Span<float> values)
        {
            _calls++;
            if (failAt.Contains(_calls))
            {
                throw new IOException("errno 121");
            }

            values[0] = _calls;
            values[1] = -_calls;
        }

        public void Dispose() => Disposed = true;
    }
}
