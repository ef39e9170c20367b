using System.IO.Compression;
using System.Text;

namespace EdgeRnn.Recordings.Tests;

public sealed class CsvReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-recordings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TryRead_SemicolonFile_RecordsLinesAndDialect()
    {
        using var reader = Reader("datetime;Current;anomaly\n2020-03-09 10:14:33;1,5;0\n\n2020-03-09 10:14:34;1,6;1\n");

        var records = ReadAll(reader);

        Assert.Equal(["datetime;Current;anomaly", "2020-03-09 10:14:33;1,5;0", "2020-03-09 10:14:34;1,6;1"], records.Select(r => r.Text));
        Assert.Equal([1L, 2L, 4L], records.Select(r => r.Line));
        Assert.Equal(CsvDialect.Semicolon, reader.Dialect);
    }

    [Fact]
    public void TryRead_UnclosedQuote_ThrowsNamingTheFileAndLine()
    {
        using var reader = Reader("1,2\n\"open,3\n4,5\n");

        Assert.True(reader.TryRead(out _));
        var error = Assert.Throws<CsvFormatException>(() => reader.TryRead(out _));

        Assert.Equal(2, error.Line);
        Assert.Equal("f.csv, line 2: Expected a closing quote (\") for a quoted field; found the end of the file.", error.Message);
    }

    [Fact]
    public void TryRead_RecordsAcrossManyBuffers_AllRead()
    {
        var text = new StringBuilder("time,value,note\n");
        for (int i = 0; i < 20_000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{1_700_000_000 + i},{i * 0.25},\"row {i}, \"\"quoted\"\"\nsecond line\"\n");
        }

        using var reader = Reader(text.ToString());
        var records = ReadAll(reader);

        Assert.Equal(20_001, records.Count);
        Assert.Equal("1700019999,4999.75,\"row 19999, \"\"quoted\"\"\nsecond line\"", records[^1].Text);
        Assert.Equal(40_000, records[^1].Line);
    }

    [Fact]
    public void Open_GzipFile_ReadsTheText()
    {
        string path = Path.Combine(_directory, "r.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes("timestamp,value\n2014-04-01 00:00:00,1\n"));
        }

        using var reader = CsvReader.Open(path);

        Assert.Equal(["timestamp,value", "2014-04-01 00:00:00,1"], ReadAll(reader).Select(r => r.Text));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    [InlineData("utf-8")]
    public void Open_TextWithAByteOrderMark_ReadsItAsUtf8(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        string path = Path.Combine(_directory, "wide.csv");
        File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes("température\tvaleur\n1,5\t2\n")]);

        using var reader = CsvReader.Open(path);

        Assert.Equal(["température\tvaleur", "1,5\t2"], ReadAll(reader).Select(r => r.Text));
        Assert.Equal(CsvDialect.Tab, reader.Dialect);
    }

    [Fact]
    public void Open_MissingFile_ThrowsNamingIt()
    {
        string path = Path.Combine(_directory, "none.csv");

        var error = Assert.Throws<FileNotFoundException>(() => CsvReader.Open(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_EmptyText_ReturnsFalse()
    {
        using var reader = Reader(string.Empty);

        Assert.False(reader.TryRead(out _));
        Assert.Equal(CsvDialect.Comma, reader.Dialect);
    }

    private static CsvReader Reader(string text) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)), "f.csv");

    private static List<(string Text, long Line)> ReadAll(CsvReader reader)
    {
        var records = new List<(string, long)>();
        while (reader.TryRead(out ReadOnlySpan<byte> record))
        {
            records.Add((Encoding.UTF8.GetString(record), reader.Line));
        }

        return records;
    }
}
