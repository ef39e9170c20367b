namespace EdgeRnn.Recordings.Tests;

public class RecordingCellsTests
{
    [Theory]
    [InlineData("1.5", ',', 1.5)]
    [InlineData("-2e-3", ',', -0.002)]
    [InlineData(" 7 ", ',', 7.0)]
    [InlineData("1,5", ';', 1.5)]
    [InlineData("-2,25", '\t', -2.25)]
    [InlineData("1.5", ';', 1.5)]
    public void ParseNumber_Numbers_AreNumbers(string cell, char delimiter, double expected)
    {
        Assert.True(CsvDialect.TryFromDelimiter(delimiter, out CsvDialect dialect));

        Assert.Equal(CellKind.Number, RecordingCells.ParseNumber(Utf8.Bytes(cell), dialect, out double value));
        Assert.Equal(expected, value, 12);
        Assert.Equal(CellKind.Number, RecordingCells.ParseNumber(Utf8.Bytes(cell), dialect, out float single));
        Assert.Equal((float)expected, single);
    }

    [Theory]
    [InlineData("", CellKind.Empty)]
    [InlineData("  ", CellKind.Empty)]
    [InlineData("NaN", CellKind.NonFinite)]
    [InlineData("nan", CellKind.NonFinite)]
    [InlineData("inf", CellKind.NonFinite)]
    [InlineData("-Infinity", CellKind.NonFinite)]
    [InlineData("+INF", CellKind.NonFinite)]
    [InlineData("n/a", CellKind.Text)]
    [InlineData("1,5", CellKind.Text)]
    [InlineData("1 000", CellKind.Text)]
    public void ParseNumber_CommaFile_MissingValuesAndText(string cell, CellKind expected)
    {
        Assert.Equal(expected, RecordingCells.ParseNumber(Utf8.Bytes(cell), CsvDialect.Comma, out double value));
        Assert.False(double.IsFinite(value));
    }

    [Theory]
    [InlineData("1,000,5")]
    [InlineData("1.000,5")]
    [InlineData(",")]
    public void ParseNumber_SemicolonFile_OnlyASingleDecimalCommaIsANumber(string cell)
    {
        Assert.Equal(CellKind.Text, RecordingCells.ParseNumber(Utf8.Bytes(cell), CsvDialect.Semicolon, out double _));
    }

    [Fact]
    public void ParseNumber_Infinities_KeepTheirSign()
    {
        RecordingCells.ParseNumber("-inf"u8, CsvDialect.Comma, out float negative);
        RecordingCells.ParseNumber("Infinity"u8, CsvDialect.Comma, out double positive);

        Assert.Equal(float.NegativeInfinity, negative);
        Assert.Equal(double.PositiveInfinity, positive);
    }

    [Fact]
    public void ParseNumber_BeyondFloatRange_IsNonFiniteAsAFloatOnly()
    {
        Assert.Equal(CellKind.NonFinite, RecordingCells.ParseNumber("1e39"u8, CsvDialect.Comma, out float _));
        Assert.Equal(CellKind.Number, RecordingCells.ParseNumber("1e39"u8, CsvDialect.Comma, out double _));
    }

    [Fact]
    public void ParseNumber_Float_RoundsOnceFromTheText()
    {
        // Just above 1 + 2^-24, halfway between two floats: the nearest float is 1 + 2^-23, but the nearest double is the
        // halfway point itself, which a float cast rounds down to 1.
        const string Text = "1.000000059604644775390626";
        Assert.Equal(CellKind.Number, RecordingCells.ParseNumber(Utf8.Bytes(Text), CsvDialect.Comma, out float single));
        Assert.Equal(CellKind.Number, RecordingCells.ParseNumber(Utf8.Bytes(Text), CsvDialect.Comma, out double number));

        Assert.Equal(1f + MathF.Pow(2, -23), single);
        Assert.Equal(1f, (float)number);
    }
}
