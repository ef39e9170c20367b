using EdgeRnn.Training.Calibration;

namespace EdgeRnn.Trainer.Tests.Calibration;

public sealed class AlarmThresholdTests
{
    [Fact]
    public void CountOnsets_RunsAboveThreshold_CountsRisingEdgesPerStream()
    {
        float[][] streams = [[0.1f, 0.9f, 0.95f, 0.2f, 0.9f], [0.9f, 0.9f, 0.1f]];

        Assert.Equal(3, AlarmThreshold.CountOnsets(streams, 0.9f));
        Assert.Equal(1, AlarmThreshold.CountOnsets(streams, 0.95f));
        Assert.Equal(0, AlarmThreshold.CountOnsets(streams, 0.96f));
        Assert.Equal(2, AlarmThreshold.CountOnsets(streams, 0f));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(7.0)]
    [InlineData(40.0)]
    public void ForOnsets_RandomScores_IsTheLowestThresholdWithinTheAllowance(double allowed)
    {
        var random = new Random(5);
        float[][] streams = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 300).Select(_ => (float)random.NextDouble()).ToArray())];

        float threshold = AlarmThreshold.ForOnsets(streams, allowed);

        Assert.True(AlarmThreshold.CountOnsets(streams, threshold) <= allowed);
        var distinct = streams.SelectMany(s => s).Distinct().Order().ToArray();
        foreach (float higher in distinct.Where(v => v >= threshold))
        {
            Assert.True(AlarmThreshold.CountOnsets(streams, higher) <= allowed);
        }

        float lower = distinct.Where(v => v < threshold).DefaultIfEmpty(float.NaN).Max();
        if (!float.IsNaN(lower))
        {
            Assert.True(AlarmThreshold.CountOnsets(streams, lower) > allowed);
        }
    }

    [Fact]
    public void ForOnsets_NoOnsetAllowed_IsJustAboveTheHighestScore()
    {
        float[][] streams = [[0.2f, 0.7f, 0.4f]];

        float threshold = AlarmThreshold.ForOnsets(streams, 0);

        Assert.Equal(MathF.BitIncrement(0.7f), threshold);
        Assert.Equal(0, AlarmThreshold.CountOnsets(streams, threshold));
    }

    [Fact]
    public void ForQuantile_HundredScores_KeepsThatShareBelowTheThreshold()
    {
        float[][] streams = [[.. Enumerable.Range(0, 100).Select(i => i / 100f)]];

        float threshold = AlarmThreshold.ForQuantile(streams, 0.95);

        Assert.Equal(95, streams[0].Count(s => s < threshold));
    }
}
