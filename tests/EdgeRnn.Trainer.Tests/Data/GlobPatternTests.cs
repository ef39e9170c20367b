using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

public class GlobPatternTests
{
    [Theory]
    [InlineData("*.csv", "a.csv", true)]
    [InlineData("*.csv", "a.csv.bak", false)]
    [InlineData("*.csv", "sub/a.csv", false)]
    [InlineData("pump_?.csv", "pump_1.csv", true)]
    [InlineData("pump_?.csv", "pump_12.csv", false)]
    [InlineData("**/pump_*.csv", "pump_a.csv", true)]
    [InlineData("**/pump_*.csv", "x/y/pump_a.csv", true)]
    [InlineData("**/pump_*.csv", "x/y/fan_a.csv", false)]
    [InlineData("day*/**/*.csv", "day1/a.csv", true)]
    [InlineData("day*/**/*.csv", "day1/x/y/a.csv", true)]
    [InlineData("day*/**/*.csv", "night/a.csv", false)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYYcd", false)]
    [InlineData("*", "", false)]
    public void IsMatch_Patterns_MatchAsDocumented(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, new GlobPattern(pattern).IsMatch(path));
    }

    [Fact]
    public void IsMatch_BackslashSeparators_TreatedLikeSlashes()
    {
        Assert.True(new GlobPattern(@"**\*.csv").IsMatch("x/y.csv"));
        Assert.True(new GlobPattern("**/*.csv").IsMatch(@"x\y.csv"));
    }
}
