using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

public class CsvRecordReaderTests
{
    [Theory]
    [InlineData("a,b,c", ',')]
    [InlineData("a;b;c", ';')]
    [InlineData("a\tb\tc", '\t')]
    [InlineData("\"x;y\",b,c", ',')]
    [InlineData("\"x,y\";b;c", ';')]
    [InlineData("single", ',')]
    public void DetectDelimiter_HeaderLines_PicksMostFrequentOutsideQuotes(string header, char expected)
    {
        Assert.Equal(expected, CsvRecordReader.DetectDelimiter(header));
    }

    [Fact]
    public void TryRead_QuotedFields_KeepDelimitersQuotesAndLineBreaks()
    {
        var reader = new CsvRecordReader(new StringReader("\"a,1\",\"say \"\"hi\"\"\",3\n\n\"two\nlines\",x,\n4,5,6\n"), ',');
        var fields = new List<string>();

        Assert.True(reader.TryRead(fields, "f.csv"));
        Assert.Equal(["a,1", "say \"hi\"", "3"], fields);
        Assert.Equal(1, reader.Line);

        Assert.True(reader.TryRead(fields, "f.csv"));
        Assert.Equal(["two\nlines", "x", ""], fields);
        Assert.Equal(3, reader.Line);

        Assert.True(reader.TryRead(fields, "f.csv"));
        Assert.Equal(["4", "5", "6"], fields);
        Assert.Equal(5, reader.Line);
        Assert.False(reader.TryRead(fields, "f.csv"));
    }

    [Fact]
    public void TryRead_UnclosedQuote_ThrowsNamingFileAndLine()
    {
        var reader = new CsvRecordReader(new StringReader("1,2\n\"open,3\n"), ',');
        var fields = new List<string>();
        Assert.True(reader.TryRead(fields, "f.csv"));
        var error = Assert.Throws<RecordingException>(() => reader.TryRead(fields, "f.csv"));
        Assert.Equal(2, error.Line);
        Assert.StartsWith("f.csv, line 2:", error.Message, StringComparison.Ordinal);
    }
}
