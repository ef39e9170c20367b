using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Runtime.Tests.Scoring;

public class ScoringMathTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(-3.0, 0.0013498980316301)]
    [InlineData(4.0, 0.9999683287581669)]
    public void Cdf_KnownPoints_MatchTables(double z, double expected)
    {
        Assert.Equal(expected, GaussianTail.Cdf(z), 6);
    }

    [Fact]
    public void RollingWindow_ManyLaps_MatchesNaiveStatistics()
    {
        var window = new RollingWindow(37);
        var all = new List<double>();
        var random = new Random(4);
        for (int i = 0; i < 1000; i++)
        {
            double v = (random.NextDouble() * 10) + 1e6;
            window.Add(v);
            all.Add(v);
            var last = all.Skip(Math.Max(0, all.Count - 37)).ToArray();
            double mean = last.Average();
            double variance = last.Length < 2 ? 0 : last.Sum(x => (x - mean) * (x - mean)) / (last.Length - 1);
            Assert.Equal(last.Length, window.Count);
            Assert.Equal(mean, window.Mean, 6);
            Assert.True(Math.Abs(variance - window.Variance) <= 1e-3 * (variance + 1e-3), $"i {i}: {window.Variance} vs {variance}");
        }
    }
}
