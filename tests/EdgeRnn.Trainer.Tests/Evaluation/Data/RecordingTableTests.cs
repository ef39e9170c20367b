using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Trainer.Tests.Evaluation.Data;

public sealed class RecordingTableTests
{
    [Fact]
    public void Read_SemicolonHeader_SplitsOnSemicolons()
    {
        var table = RecordingTable.Read(new StringReader("datetime;Current;anomaly\n2020-03-09 10:14:33;1.5;0\n2020-03-09 10:14:34;1,6;1\n"), "skab.csv");

        Assert.Equal(["datetime", "Current", "anomaly"], table.Header);
        Assert.Equal([false, true], table.Labels("anomaly"));
        Assert.Equal([1.5, 1.6], table.Doubles("current"));
        Assert.Equal(new DateTime(2020, 3, 9, 10, 14, 34, DateTimeKind.Utc), table.Timestamps(table.TimeColumn)[1]);
    }

    [Theory]
    [InlineData("timestamp,value\n\"2014-01-01 00:00:00\",\"1.5\"\n")]
    [InlineData("timestamp\tvalue\n2014-01-01 00:00:00\t1,5\n")]
    [InlineData("\"timestamp\";\"value\"\r\n2014-01-01T00:00:00Z;1,5\r\n")]
    [InlineData("sep=;\ntimestamp;value\n1388534400;1.5\n")]
    public void Read_EveryDialect_SameTimestampAndValue(string text)
    {
        var table = RecordingTable.Read(new StringReader(text), "r.csv");

        Assert.Equal(new DateTime(2014, 1, 1, 0, 0, 0, DateTimeKind.Utc), table.Timestamps(table.TimeColumn)[0]);
        Assert.Equal([1.5], table.Doubles("value"));
    }

    [Fact]
    public void Read_RowWithTooFewFields_ThrowsNamingFileAndLine()
    {
        var e = Assert.Throws<DataFileException>(() => RecordingTable.Read(new StringReader("timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:05:00\n"), "bad.csv"));

        Assert.Equal("bad.csv, line 3: expected 2 fields (as in the header), found 1", e.Message);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Doubles_NotANumber_ThrowsNamingFileLineAndColumn()
    {
        var table = RecordingTable.Read(new StringReader("timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:05:00,abc\n"), "bad.csv");

        var e = Assert.Throws<DataFileException>(() => table.Doubles("value"));

        Assert.Equal("bad.csv, line 3: expected a number in column 'value', found 'abc'", e.Message);
    }

    [Fact]
    public void ColumnIndex_MissingColumn_ListsTheColumnsFound()
    {
        var table = RecordingTable.Read(new StringReader("timestamp,value\n"), "x.csv");

        var e = Assert.Throws<DataFileException>(() => table.ColumnIndex("anomaly_score"));

        Assert.Contains("expected a column 'anomaly_score', found columns timestamp, value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamps_Malformed_ThrowsNamingFileAndLine()
    {
        var table = RecordingTable.Read(new StringReader("timestamp,value\n2014-13-01 00:00:00,1\n"), "t.csv");

        var e = Assert.Throws<DataFileException>(() => table.Timestamps(0));

        Assert.Equal("t.csv, line 2: expected a timestamp like 2014-04-01 00:00:00, 2014-04-01T00:00:00Z or Unix seconds in column 'timestamp', found '2014-13-01 00:00:00'", e.Message);
    }

    [Fact]
    public void Read_UnclosedQuote_ThrowsNamingFileAndLine()
    {
        var e = Assert.Throws<DataFileException>(() => RecordingTable.Read(new StringReader("timestamp,value\n2014-01-01 00:00:00,\"1\n"), "q.csv"));

        Assert.Equal("q.csv, line 2: Expected a closing quote (\") for a quoted field; found the end of the file.", e.Message);
    }

    [Fact]
    public void Read_MissingFile_ThrowsNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "edgernn-no-such-file.csv");

        var e = Assert.Throws<DataFileException>(() => RecordingTable.Read(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}
