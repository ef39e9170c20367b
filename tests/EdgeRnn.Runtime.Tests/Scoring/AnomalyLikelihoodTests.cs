using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Runtime.Tests.Scoring;

public sealed class AnomalyLikelihoodTests
{
    private static readonly LikelihoodParameters NoExtras = LikelihoodParameters.Default with { SkipRows = 0, SpatialTolerance = 0, SuppressionRows = 0 };

    [Fact]
    public void Next_ErrorJumpAfterSteadyErrors_ScoresHighThenSteadyLow()
    {
        var likelihood = new AnomalyLikelihood(NoExtras, 1);
        var random = new Random(3);
        double steady = 0;
        for (int i = 0; i < 300; i++)
        {
            double score = likelihood.Next(1 + (0.1 * random.NextDouble()), [0.0]);
            if (i >= 100)
            {
                steady = Math.Max(steady, score);
            }
        }

        double jump = 0;
        for (int i = 0; i < 5; i++)
        {
            jump = Math.Max(jump, likelihood.Next(5, [0.0]));
        }

        Assert.True(jump > 0.6, $"expected a jump score above 0.6, found {jump}");
        Assert.True(steady < 0.5, $"expected steady scores below 0.5, found {steady}");
    }

    [Fact]
    public void Next_WarmStreamWithEveryStep_AllocatesNothing()
    {
        var parameters = LikelihoodParameters.Default with { LongWindow = 500, ValueWindow = 50, SpatialWindow = 100, SuppressionRows = 20 };
        var likelihood = new AnomalyLikelihood(parameters, 2);
        double[] values = new double[2];
        for (int i = 0; i < 600; i++)
        {
            values[0] = Math.Sin(i);
            values[1] = Math.Cos(i);
            likelihood.Next(Math.Abs(Math.Sin(i * 0.37)), values);
        }

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 600; i < 2000; i++)
            {
                values[0] = Math.Sin(i) * (i % 300 == 0 ? 9 : 1);
                values[1] = Math.Cos(i);
                likelihood.Next(Math.Abs(Math.Sin(i * 0.37)) * (i % 250 == 0 ? 20 : 1), values);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Next_ValueOutsideRangeSeen_ScoresOne()
    {
        var likelihood = new AnomalyLikelihood(LikelihoodParameters.Default, 1);
        for (int i = 0; i < 100; i++)
        {
            likelihood.Next(0.1, [Math.Sin(i)]);
        }

        Assert.Equal(1.0, likelihood.Next(0.1, [1.2]));
        Assert.True(likelihood.Next(0.1, [0.5]) < 1.0);
    }

    [Fact]
    public void Next_Suppression_LowersRowsAfterAPeakUntilItExpires()
    {
        var parameters = NoExtras with { MinimumHistory = 1, ShortWindow = 1, LogScale = false, SuppressionRows = 3, SuppressionFactor = 0.5, SuppressionLevel = 0 };
        var likelihood = new AnomalyLikelihood(parameters, 1);
        for (int i = 0; i < 50; i++)
        {
            likelihood.Next(1 + (0.01 * (i % 3)), [0.0]);
        }

        double peak = likelihood.Next(4, [0.0]);
        double after = likelihood.Next(1, [0.0]);

        Assert.True(peak > 0.3, $"expected a peak above 0.3, found {peak}");
        Assert.True(after < peak / 1.9, $"expected the next row at most half the peak, found {after} after {peak}");
    }

    [Fact]
    public void Next_HoldOff_LowersEveryRowAfterAnAlertLevelRowEvenHigherOnes()
    {
        var parameters = NoExtras with { MinimumHistory = 1, ShortWindow = 1, LogScale = false, ZScale = 1, SuppressionRows = 3, SuppressionFactor = 0.5, SuppressionLevel = 0.6 };
        var likelihood = new AnomalyLikelihood(parameters, 1);
        var random = new Random(9);
        for (int i = 0; i < 50; i++)
        {
            likelihood.Next(1 + (0.1 * random.NextDouble()), [0.0]);
        }

        double alert = likelihood.Next(3, [0.0]);
        double[] held = [likelihood.Next(6, [0.0]), likelihood.Next(9, [0.0]), likelihood.Next(12, [0.0])];
        double released = likelihood.Next(40, [0.0]);

        Assert.True(alert >= 0.6, $"expected the alert row at or above the level 0.6, found {alert}");
        Assert.All(held, h => Assert.True(h <= 0.5, $"expected held rows at most 0.5 (factor 0.5 of a score below 1), found {h}"));
        Assert.True(released > 0.6, $"expected the row after the hold-off unlowered, found {released}");
    }

    [Fact]
    public void Next_ValueLikelihood_FlagsAShiftTheErrorMisses()
    {
        var parameters = NoExtras with { ValueWindow = 100 };
        var withValues = new AnomalyLikelihood(parameters, 1);
        var errorsOnly = new AnomalyLikelihood(parameters with { ValueWindow = 0 }, 1);
        var random = new Random(5);
        for (int i = 0; i < 400; i++)
        {
            double v = random.NextDouble();
            double error = 1 + (0.1 * random.NextDouble());
            withValues.Next(error, [v]);
            errorsOnly.Next(error, [v]);
        }

        double shifted = 0;
        double missed = 0;
        for (int i = 0; i < 10; i++)
        {
            shifted = Math.Max(shifted, withValues.Next(1.05, [8.0]));
            missed = Math.Max(missed, errorsOnly.Next(1.05, [8.0]));
        }

        Assert.True(shifted > 0.9, $"expected the value likelihood to flag the shift above 0.9, found {shifted}");
        Assert.True(missed < 0.5, $"expected the error likelihood alone below 0.5, found {missed}");
    }

    [Fact]
    public void Next_SpatialWindow_ComparesWithTheRecentRangeOnly()
    {
        var recent = new AnomalyLikelihood(LikelihoodParameters.Default with { SpatialWindow = 50, ValueWindow = 0 }, 1);
        var always = new AnomalyLikelihood(LikelihoodParameters.Default with { SpatialWindow = 0, ValueWindow = 0 }, 1);
        for (int i = 0; i < 200; i++)
        {
            double v = i < 100 ? 10 * Math.Sin(i) : Math.Sin(i);
            recent.Next(0.1, [v]);
            always.Next(0.1, [v]);
        }

        Assert.Equal(1.0, recent.Next(0.1, [5.0]));
        Assert.True(always.Next(0.1, [5.0]) < 1.0);
    }

    [Fact]
    public void Next_TrainingMaximumBaseline_ScoresRatioToLargestReferenceAverage()
    {
        var parameters = NoExtras with { Baseline = LikelihoodBaseline.TrainingMaximum, ShortWindow = 1, SkipRows = 2, FreezeAfterRows = 10 };
        var likelihood = new AnomalyLikelihood(parameters, 1);
        likelihood.Next(100, [0.0]);
        likelihood.Next(100, [0.0]);
        for (int i = 1; i <= 8; i++)
        {
            Assert.Equal(0.0, likelihood.Next(i, [0.0]));
        }

        Assert.Equal(2.0 / 3.0, likelihood.Next(16, [0.0]), 12);
        Assert.Equal(2.0, likelihood.Likelihood, 12);
        Assert.Equal(1.0 / 3.0, likelihood.Next(4, [0.0]), 12);
        Assert.Equal(2.0 / 3.0, LikelihoodParameters.ScoreOfRatio(2), 12);
    }

    [Fact]
    public void Next_StoredControlLimit_ScoresNothingUntilTheErrorWindowIsFull()
    {
        // A limit stored in the model is a mean over 4 rows: the stream's first rows after the skipped ones are not
        // compared with it one by one (a single noisy row would pass for a high mean), only once 4 are in.
        var parameters = NoExtras with { Baseline = LikelihoodBaseline.TrainingMaximum, ShortWindow = 4, SkipRows = 2, ReferenceMaximum = 1 };
        var likelihood = new AnomalyLikelihood(parameters, 1);
        likelihood.Next(50, [0.0]);
        likelihood.Next(50, [0.0]);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(0.0, likelihood.Next(50, [0.0]));
            Assert.False(likelihood.IsWarm);
        }

        Assert.Equal(50.0 / 51.0, likelihood.Next(50, [0.0]), 12);
        Assert.True(likelihood.IsWarm);
        Assert.Equal((37.5 / 38.5), likelihood.Next(0, [0.0]), 12);
    }

    [Fact]
    public void Constructor_TrainingMaximumWithoutReferenceRows_Throws()
    {
        var parameters = NoExtras with { Baseline = LikelihoodBaseline.TrainingMaximum, SkipRows = 10, FreezeAfterRows = 10 };

        var error = Assert.Throws<ArgumentException>(() => new AnomalyLikelihood(parameters, 1));

        Assert.Contains("FreezeAfterRows = 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreOfZ_LogScale_IsHtmLogLikelihood()
    {
        // HTM: log(1.0000000001 − p) / log(1 − 0.9999999999) with p = Φ(3) = 0.998650102.
        double expected = Math.Log(1.0000000001 - 0.998650102) / Math.Log(1 - 0.9999999999);

        Assert.Equal(expected, (LikelihoodParameters.Default with { LogScale = true }).ScoreOfZ(3), 5);
        Assert.Equal(0.5, (LikelihoodParameters.Default with { LogScale = false, ZScale = 4 }).ScoreOfZ(4), 12);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447)]
    [InlineData(-2.0, 0.0227501)]
    [InlineData(3.0, 0.9986501)]
    public void NormalCdf_KnownValues_MatchTables(double z, double expected)
    {
        Assert.Equal(expected, EdgeRnn.Runtime.GaussianTail.Cdf(z), 6);
    }

    [Fact]
    public void Next_WarmStream_AllocatesNothing()
    {
        var likelihood = new AnomalyLikelihood(LikelihoodParameters.Default with { SuppressionRows = 10 }, 2);
        double[] values = [1.0, 2.0];
        for (int i = 0; i < 200; i++)
        {
            likelihood.Next(0.5, values);
        }

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                values[0] = i % 7;
                likelihood.Next(0.1 * (i % 5), values);
            }
        });

        Assert.Equal(0, allocated);
    }
}
