using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Trainer.Tests.Evaluation.Data;

public sealed class DelimitedTableTests
{
    [Fact]
    public void Read_SemicolonHeader_SplitsOnSemicolons()
    {
        var table = DelimitedTable.Read(new StringReader("datetime;Current;anomaly\n2020-03-09 10:14:33;1.5;0\n2020-03-09 10:14:34;1.6;1\n"), "skab.csv");

        Assert.Equal(["datetime", "Current", "anomaly"], table.Header);
        Assert.Equal([false, true], table.Labels("anomaly"));
        Assert.Equal(new DateTime(2020, 3, 9, 10, 14, 34), table.Timestamps("datetime")[1]);
    }

    [Fact]
    public void Read_RowWithTooFewFields_ThrowsNamingFileAndLine()
    {
        var e = Assert.Throws<DataFileException>(() => DelimitedTable.Read(new StringReader("timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:05:00\n"), "bad.csv"));

        Assert.Equal("bad.csv, line 3: expected 2 fields (as in the header), found 1", e.Message);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Doubles_NotANumber_ThrowsNamingFileLineAndColumn()
    {
        var table = DelimitedTable.Read(new StringReader("timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:05:00,abc\n"), "bad.csv");

        var e = Assert.Throws<DataFileException>(() => table.Doubles("value"));

        Assert.Equal("bad.csv, line 3: expected a number in column 'value', found 'abc'", e.Message);
    }

    [Fact]
    public void ColumnIndex_MissingColumn_ListsTheColumnsFound()
    {
        var table = DelimitedTable.Read(new StringReader("timestamp,value\n"), "x.csv");

        var e = Assert.Throws<DataFileException>(() => table.ColumnIndex("anomaly_score"));

        Assert.Contains("expected a column 'anomaly_score', found columns timestamp, value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamps_Malformed_ThrowsNamingFileAndLine()
    {
        var table = DelimitedTable.Read(new StringReader("timestamp,value\n2014-13-01 00:00:00,1\n"), "t.csv");

        var e = Assert.Throws<DataFileException>(() => table.Timestamps("timestamp"));

        Assert.StartsWith("t.csv, line 2: expected a timestamp", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_ThrowsNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "edgernn-no-such-file.csv");

        var e = Assert.Throws<DataFileException>(() => DelimitedTable.Read(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}
