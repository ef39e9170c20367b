namespace EdgeRnn.Recordings.Tests;

public class CsvDialectTests
{
    [Theory]
    [InlineData("a,b,c", ',')]
    [InlineData("a;b;c", ';')]
    [InlineData("a\tb\tc", '\t')]
    [InlineData("\"x;y\",b,c", ',')]
    [InlineData("\"x,y\";b;c", ';')]
    [InlineData("single", ',')]
    [InlineData("1,5;-2,25", ';')]
    [InlineData("1,5\t2\t3", '\t')]
    [InlineData("a,\tb,\tc", ',')]
    [InlineData("a;\tb", ';')]
    [InlineData("time;note\twith tab\tand more", '\t')]
    public void Detect_FirstRecords_FollowsTheOneRule(string record, char expected)
    {
        Assert.Equal((byte)expected, CsvDialect.Detect(Utf8.Bytes(record)).Delimiter);
    }

    [Fact]
    public void Default_IsTheCommaDialectWithoutDecimalCommas()
    {
        Assert.Equal(CsvDialect.Comma, default);
        Assert.Equal((byte)',', default(CsvDialect).Delimiter);
        Assert.False(CsvDialect.Comma.AllowsDecimalComma);
        Assert.True(CsvDialect.Semicolon.AllowsDecimalComma);
        Assert.True(CsvDialect.Tab.AllowsDecimalComma);
    }

    [Theory]
    [InlineData("sep=;", ';')]
    [InlineData("SEP=,", ',')]
    [InlineData("sep=\t", '\t')]
    [InlineData("sep=; \r", ';')]
    public void TryParseDeclaration_SpreadsheetLine_GivesItsDelimiter(string line, char expected)
    {
        Assert.True(CsvDialect.TryParseDeclaration(Utf8.Bytes(line), out CsvDialect dialect));
        Assert.Equal((byte)expected, dialect.Delimiter);
    }

    [Theory]
    [InlineData("sep=|")]
    [InlineData("sep=;;")]
    [InlineData("separator;a")]
    [InlineData("a,b")]
    public void TryParseDeclaration_OtherLines_ReturnsFalse(string line)
    {
        Assert.False(CsvDialect.TryParseDeclaration(Utf8.Bytes(line), out _));
    }

    [Theory]
    [InlineData(',', true)]
    [InlineData(';', true)]
    [InlineData('\t', true)]
    [InlineData('|', false)]
    public void TryFromDelimiter_TheThreeDelimiters_AreTheOnlyOnes(char delimiter, bool known)
    {
        Assert.Equal(known, CsvDialect.TryFromDelimiter(delimiter, out CsvDialect dialect));
        if (known)
        {
            Assert.Equal((byte)delimiter, dialect.Delimiter);
        }
    }
}
