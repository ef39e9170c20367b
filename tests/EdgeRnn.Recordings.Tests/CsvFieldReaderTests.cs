namespace EdgeRnn.Recordings.Tests;

public class CsvFieldReaderTests
{
    [Fact]
    public void ReadAll_QuotedFields_KeepDelimitersQuotesAndLineBreaks()
    {
        Assert.Equal(["a,1", "say \"hi\"", "3"], Utf8.Fields("\"a,1\",\"say \"\"hi\"\"\",3", CsvDialect.Comma));
        Assert.Equal(["two\nlines", "x", ""], Utf8.Fields("\"two\nlines\",x,", CsvDialect.Comma));
        Assert.Equal(["a;b", "1,5"], Utf8.Fields("\"a;b\";1,5", CsvDialect.Semicolon));
        Assert.Equal(["", "", ""], Utf8.Fields("\"\",,", CsvDialect.Comma));
    }

    [Fact]
    public void ReadAll_SpacesAroundFields_AreTrimmedButNotInsideQuotes()
    {
        Assert.Equal(["a", "b c", " d "], Utf8.Fields("  a , b c ,\t\" d \"  ", CsvDialect.Comma));
    }

    [Fact]
    public void ReadAll_TabDialect_KeepsEmptyFieldsAtTheEnds()
    {
        Assert.Equal(["", "1", "", ""], Utf8.Fields("\t1\t\t", CsvDialect.Tab));
    }

    [Fact]
    public void ReadAll_QuoteInsideAnUnquotedField_IsAnOrdinaryCharacter()
    {
        Assert.Equal(["5\" pipe", "x"], Utf8.Fields("5\" pipe,x", CsvDialect.Comma));
    }

    [Fact]
    public void ReadAll_TextAfterTheClosingQuote_IsAppended()
    {
        Assert.Equal(["ab", "c"], Utf8.Fields("\"a\"b,c", CsvDialect.Comma));
    }

    [Fact]
    public void ReadAll_UnclosedQuote_RunsToTheEndOfTheRecord()
    {
        Assert.Equal(["1", "open,3"], Utf8.Fields("1,\"open,3", CsvDialect.Comma));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("a", 1)]
    [InlineData("a,b,,", 4)]
    [InlineData("\"a,b\",c", 2)]
    [InlineData("\"a\"\",\"\"b\",c", 2)]
    public void Count_Records_CountsFieldsOutsideQuotes(string record, int expected)
    {
        Assert.Equal(expected, CsvFieldReader.Count(Utf8.Bytes(record), CsvDialect.Comma));
        Assert.Equal(expected, Utf8.Fields(record, CsvDialect.Comma).Length);
    }

    [Fact]
    public void Current_QuotedAndVerbatim_DescribeTheField()
    {
        var fields = new CsvFieldReader(Utf8.Bytes("1.5,\"2.5\",\"a\"\"b\",\"\""), CsvDialect.Comma);

        Assert.True(fields.MoveNext());
        Assert.False(fields.Current.IsQuoted);
        Assert.Equal(CellKind.Number, fields.Current.ParseNumber(CsvDialect.Comma, out double plain));
        Assert.Equal(1.5, plain);
        Assert.True(fields.MoveNext());
        Assert.True(fields.Current.IsQuoted && fields.Current.IsVerbatim);
        Assert.Equal(CellKind.Number, fields.Current.ParseNumber(CsvDialect.Comma, out double quoted));
        Assert.Equal(2.5, quoted);
        Assert.True(fields.MoveNext());
        Assert.False(fields.Current.IsVerbatim);
        Assert.Equal(CellKind.Text, fields.Current.ParseNumber(CsvDialect.Comma, out float _));
        Assert.True(fields.MoveNext());
        Assert.True(fields.Current.IsEmpty);
        Assert.False(fields.MoveNext());
    }
}
