using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Evaluation.Detector;

namespace EdgeRnn.Trainer.Tests.Evaluation.Detector;

public sealed class LikelihoodTimingTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(300, 750, 1.0)] // as written
    [InlineData(300, 240, 1.0)] // a short recording at the written rate keeps its windows
    [InlineData(3600, 750, 1.0)] // an hourly recording with a full training part keeps its windows
    [InlineData(3600, 240, 0.32)] // hourly and short: the larger ratio, 240/750 (not 1/12)
    [InlineData(1800, 100, 1.0 / 6)] // half-hourly and very short: the larger ratio, 1/6 (not 100/750)
    [InlineData(1, 100, 1.0)] // faster than written: never more rows than written
    [InlineData(60, 5000, 1.0)]
    public void Factor_ShrinksOnlyStreamsBothSlowerAndShorter(double periodSeconds, int trainingRows, double expected)
    {
        double factor = LikelihoodTiming.Factor(FiveMinutes, 750, TimeSpan.FromSeconds(periodSeconds), trainingRows);

        Assert.Equal(expected, factor, 12);
    }

    [Fact]
    public void Factor_UnknownPeriodOrNoWrittenLength_KeepsTheWindows()
    {
        Assert.Equal(1.0, LikelihoodTiming.Factor(FiveMinutes, 750, null, 10));
        Assert.Equal(1.0, LikelihoodTiming.Factor(FiveMinutes, 0, TimeSpan.FromHours(1), 10));
    }

    [Fact]
    public void Factor_ZeroPeriod_SaysWhatWasExpected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LikelihoodTiming.Factor(FiveMinutes, 750, TimeSpan.Zero, 100));

        Assert.Contains("expected positive sampling periods", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scaled_ShrinksTheStreamWindowsAndKeepsTheProtocolCounts()
    {
        var written = LikelihoodParameters.Default with { ShortWindow = 36, ValueShortWindow = 8, LongWindow = 4320, ValueWindow = 480, SpatialWindow = 8640, SuppressionRows = 396 };

        var shrunk = LikelihoodTiming.Scaled(written, 0.25);

        Assert.Equal(9, shrunk.ShortWindow);
        Assert.Equal(LikelihoodTiming.MinimumShortWindow, shrunk.ValueShortWindow);
        Assert.Equal(1080, shrunk.LongWindow);
        Assert.Equal(120, shrunk.ValueWindow);
        Assert.Equal(2160, shrunk.SpatialWindow);
        Assert.Equal(99, shrunk.SuppressionRows);
        Assert.Equal(written.SkipRows, shrunk.SkipRows);
        Assert.Equal(written.MinimumHistory, shrunk.MinimumHistory);
        Assert.Equal(written.FreezeAfterRows, shrunk.FreezeAfterRows);
    }

    [Fact]
    public void Scaled_FactorOne_ChangesNothing()
    {
        Assert.Equal(LikelihoodParameters.Default, LikelihoodTiming.Scaled(LikelihoodParameters.Default, 1));
    }

    [Fact]
    public void Scaled_KeepsWindowsThatAreOff()
    {
        var written = LikelihoodParameters.Default with { ValueWindow = 0, SpatialWindow = 0, SuppressionRows = 0 };

        var shrunk = LikelihoodTiming.Scaled(written, 0.5);

        Assert.Equal(0, shrunk.ValueWindow);
        Assert.Equal(0, shrunk.SpatialWindow);
        Assert.Equal(0, shrunk.SuppressionRows);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Scaled_FactorOutsideZeroToOne_SaysWhatWasExpected(double factor)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LikelihoodTiming.Scaled(LikelihoodParameters.Default, factor));

        Assert.Contains("expected a factor in (0, 1]", error.Message, StringComparison.Ordinal);
    }
}
