using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Evaluation.Detector;

namespace EdgeRnn.Trainer.Tests.Evaluation.Detector;

public sealed class LikelihoodTimingTests
{
    [Fact]
    public void ForPeriod_HourlyRows_SpanTheSameTimeAsFiveMinuteRows()
    {
        var written = LikelihoodParameters.Default with { ShortWindow = 36, ValueShortWindow = 24, LongWindow = 4320, ValueWindow = 480, SpatialWindow = 8640, SuppressionRows = 396 };

        var hourly = LikelihoodTiming.ForPeriod(written, TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));

        Assert.Equal(3, hourly.ShortWindow);
        Assert.Equal(LikelihoodTiming.MinimumShortWindow, hourly.ValueShortWindow);
        Assert.Equal(360, hourly.LongWindow);
        Assert.Equal(40, hourly.ValueWindow);
        Assert.Equal(720, hourly.SpatialWindow);
        Assert.Equal(33, hourly.SuppressionRows);
        Assert.Equal(written.SkipRows, hourly.SkipRows);
        Assert.Equal(written.MinimumHistory, hourly.MinimumHistory);
        Assert.Equal(written.FreezeAfterRows, hourly.FreezeAfterRows);
    }

    [Fact]
    public void ForPeriod_SamePeriod_ChangesNothing()
    {
        var written = LikelihoodParameters.Default;

        Assert.Equal(written, LikelihoodTiming.ForPeriod(written, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void ForPeriod_FasterRows_KeepsWindowsThatAreOff()
    {
        var written = LikelihoodParameters.Default with { ValueWindow = 0, SpatialWindow = 0, SuppressionRows = 0 };

        var fast = LikelihoodTiming.ForPeriod(written, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));

        Assert.Equal(0, fast.ValueWindow);
        Assert.Equal(0, fast.SpatialWindow);
        Assert.Equal(0, fast.SuppressionRows);
        Assert.Equal(written.ShortWindow * 5, fast.ShortWindow);
        Assert.Equal(written.LongWindow * 5, fast.LongWindow);
    }

    [Fact]
    public void ForPeriod_ZeroPeriod_SaysWhatWasExpected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LikelihoodTiming.ForPeriod(LikelihoodParameters.Default, TimeSpan.FromMinutes(5), TimeSpan.Zero));

        Assert.Contains("expected positive sampling periods", error.Message, StringComparison.Ordinal);
    }
}
