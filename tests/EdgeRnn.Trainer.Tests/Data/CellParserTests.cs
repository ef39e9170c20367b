using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

public class CellParserTests
{
    [Theory]
    [InlineData("1700000000", 1700000000.0)]
    [InlineData("1700000000.25", 1700000000.25)]
    [InlineData(" 12 ", 12.0)]
    [InlineData("2023-11-14T22:13:20Z", 1700000000.0)]
    [InlineData("2023-11-14T22:13:20.5Z", 1700000000.5)]
    [InlineData("2023-11-14T23:13:20+01:00", 1700000000.0)]
    [InlineData("2023-11-14T22:13:20", 1700000000.0)]
    [InlineData("2023-11-14 22:13:20", 1700000000.0)]
    [InlineData("1970-01-01", 0.0)]
    public void TryParseTimestamp_IsoAndUnixSeconds_GiveUnixSeconds(string cell, double expected)
    {
        Assert.True(CellParser.TryParseTimestamp(cell, out double seconds));
        Assert.Equal(expected, seconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("01/02/2024")]
    [InlineData("2024/01/02 10:00")]
    [InlineData("NaN")]
    public void TryParseTimestamp_NotATime_ReturnsFalse(string cell)
    {
        Assert.False(CellParser.TryParseTimestamp(cell, out double seconds));
        Assert.True(double.IsNaN(seconds));
    }

    [Theory]
    [InlineData("1.5", false, 1.5)]
    [InlineData("-2e-3", false, -0.002)]
    [InlineData("1,5", true, 1.5)]
    [InlineData(" 7 ", false, 7.0)]
    public void TryParseNumber_Numbers_Parse(string cell, bool decimalComma, double expected)
    {
        Assert.True(CellParser.TryParseNumber(cell, decimalComma, out double value));
        Assert.Equal(expected, value, 12);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("n/a", true)]
    [InlineData("NaN", true)]
    [InlineData("Infinity", true)]
    [InlineData("1,5", false)]
    [InlineData("1,000,5", true)]
    public void TryParseNumber_MissingOrNotFinite_ReturnsFalse(string cell, bool decimalComma)
    {
        Assert.False(CellParser.TryParseNumber(cell, decimalComma, out double value));
        Assert.True(double.IsNaN(value));
    }
}
