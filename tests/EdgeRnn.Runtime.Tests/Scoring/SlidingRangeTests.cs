using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Runtime.Tests.Scoring;

public sealed class SlidingRangeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    public void Add_RandomWalk_MatchesMinAndMaxOfTheLastValues(int length)
    {
        var range = new SlidingRange(length);
        var all = new List<double>();
        var random = new Random(length + 1);
        double v = 0;
        for (int i = 0; i < 600; i++)
        {
            v += random.NextDouble() - 0.5 + (i % 50 == 0 ? 5 : 0);
            range.Add(v);
            all.Add(v);
            var last = length == 0 ? all : all.Skip(Math.Max(0, all.Count - length)).ToList();
            Assert.Equal(last.Min(), range.Min);
            Assert.Equal(last.Max(), range.Max);
        }
    }

    [Fact]
    public void Empty_AfterClear_HasInfiniteBounds()
    {
        var range = new SlidingRange(3);
        range.Add(2);
        range.Clear();

        Assert.True(range.IsEmpty);
        Assert.Equal(double.PositiveInfinity, range.Min);
        Assert.Equal(double.NegativeInfinity, range.Max);
    }

    [Fact]
    public void Add_WarmWindow_AllocatesNothing()
    {
        var range = new SlidingRange(16);
        for (int i = 0; i < 100; i++)
        {
            range.Add(Math.Sin(i));
        }

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                range.Add(Math.Sin(i));
            }
        });

        Assert.Equal(0, allocated);
    }
}
