using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Runtime.Tests.Scoring;

public sealed class LevelShiftDetectorTests
{
    [Fact]
    public void Next_StepUpThenDown_FlagsEachShiftOnceSoonAfterIt()
    {
        var detector = new LevelShiftDetector(recentRows: 10, referenceRows: 60, ratio: 1.5);
        var flags = new List<(int Row, LevelShift Shift)>();
        for (int row = 0; row < 600; row++)
        {
            double level = row is >= 200 and < 400 ? 4.0 : 1.0;
            double value = level * (1 + (0.1 * Math.Sin(row * 0.7)));
            var shift = detector.Next(value);
            if (shift != LevelShift.None)
            {
                flags.Add((row, shift));
            }
        }

        Assert.Equal(2, flags.Count);
        Assert.Equal(LevelShift.Up, flags[0].Shift);
        Assert.InRange(flags[0].Row, 200, 209);
        Assert.Equal(LevelShift.Down, flags[1].Shift);
        Assert.InRange(flags[1].Row, 400, 409);
    }

    [Fact]
    public void Next_NoiseAroundOneLevel_FlagsNothing()
    {
        var detector = new LevelShiftDetector(10, 60, 1.5);
        var random = new Random(3);
        for (int row = 0; row < 10_000; row++)
        {
            Assert.Equal(LevelShift.None, detector.Next(2.0 + (0.4 * (random.NextDouble() - 0.5))));
        }
    }

    [Theory]
    [InlineData(1, 1, 1.2)]
    [InlineData(3, 7, 1.5)]
    [InlineData(10, 60, 1.5)]
    [InlineData(5, 20, 3.0)]
    public void Next_RandomSeries_MatchesMeansComputedFromTheWholeHistory(int recent, int reference, double ratio)
    {
        var detector = new LevelShiftDetector(recent, reference, ratio);
        var random = new Random(recent * 100 + reference);
        var seen = new List<double>();
        int quietUntil = 0;
        double level = 1;
        for (int row = 0; row < 3_000; row++)
        {
            if (random.Next(80) == 0)
            {
                level = 0.2 + (5 * random.NextDouble());
            }

            double value = level * random.NextDouble();
            seen.Add(value);
            var expected = LevelShift.None;
            int n = seen.Count;
            if (n >= recent + reference && n > quietUntil)
            {
                double recentMean = seen.Skip(n - recent).Average();
                double referenceMean = seen.Skip(n - recent - reference).Take(reference).Average();
                expected = referenceMean <= 0 ? LevelShift.None
                    : recentMean >= ratio * referenceMean ? LevelShift.Up
                    : recentMean * ratio <= referenceMean ? LevelShift.Down
                    : LevelShift.None;
                if (expected != LevelShift.None)
                {
                    quietUntil = n + reference - 1;
                }
            }

            Assert.Equal(expected, detector.Next(value));
        }
    }

    [Fact]
    public void Next_NaNNegativeOrInfinite_IsSkippedAndChangesNothing()
    {
        var clean = new LevelShiftDetector(4, 12, 1.5);
        var dirty = new LevelShiftDetector(4, 12, 1.5);
        var random = new Random(9);
        for (int row = 0; row < 500; row++)
        {
            double value = (row / 50 % 2 == 0 ? 1 : 3) * (0.5 + random.NextDouble());
            Assert.Equal(LevelShift.None, dirty.Next(double.NaN));
            Assert.Equal(LevelShift.None, dirty.Next(-1));
            Assert.Equal(LevelShift.None, dirty.Next(double.PositiveInfinity));
            Assert.Equal(clean.Next(value), dirty.Next(value));
        }
    }

    [Fact]
    public void Next_SmallValuesAfterHugeOnes_MeansAreExactAgainAfterTwoLaps()
    {
        // Running sums alone would lose the small values against the huge ones (1e16 + 1 == 1e16 in double); the re-sum
        // once per lap of the ring makes the means exact again, so no error builds up on a board that runs for months.
        var detector = new LevelShiftDetector(10, 60, 1.5);
        for (int i = 0; i < 1_000; i++)
        {
            detector.Next(1e16);
        }

        for (int i = 0; i < 140; i++)
        {
            detector.Next(1.0);
        }

        Assert.Equal(1.0, detector.RecentMean);
        Assert.Equal(1.0, detector.ReferenceMean);
    }

    [Fact]
    public void Clear_ForgetsHistoryAndQuietPeriod()
    {
        var detector = new LevelShiftDetector(2, 4, 1.5);
        for (int i = 0; i < 6; i++)
        {
            detector.Next(1);
        }

        Assert.Equal(LevelShift.Up, detector.Next(100));
        detector.Clear();
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(LevelShift.None, detector.Next(1));
        }

        Assert.Equal(LevelShift.Up, detector.Next(100));
    }

    [Theory]
    [InlineData(0, 60, 1.5)]
    [InlineData(10, 0, 1.5)]
    [InlineData(10, 60, 1.0)]
    [InlineData(10, 60, double.NaN)]
    [InlineData(10, 60, double.PositiveInfinity)]
    public void Constructor_BadSettings_Throws(int recent, int reference, double ratio) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new LevelShiftDetector(recent, reference, ratio));

    [Fact]
    public void Next_WarmDetector_AllocatesNothing()
    {
        var detector = new LevelShiftDetector(10, 60, 1.5);
        for (int i = 0; i < 200; i++)
        {
            detector.Next(1 + Math.Sin(i));
        }

        int row = 0;
        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 10_000; i++, row++)
            {
                detector.Next(row % 300 < 150 ? 1 + Math.Sin(row) : 5 + Math.Sin(row));
            }
        });

        Assert.Equal(0, allocated);
    }
}
