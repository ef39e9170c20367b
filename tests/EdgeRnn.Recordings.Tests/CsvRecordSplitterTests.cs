using System.Buffers;
using System.Text;

namespace EdgeRnn.Recordings.Tests;

public class CsvRecordSplitterTests
{
    [Fact]
    public void TryRead_CrLfBlankAndCommentLines_ReturnsDataWithItsLines()
    {
        var records = Utf8.Records("\r\n# a comment\r\na;b\r\n\r\n\n  \n1;2\r\n  # indented comment\n3;4");

        Assert.Equal([("a;b", 3L), ("1;2", 7L), ("3;4", 9L)], records);
    }

    [Fact]
    public void TryRead_QuotedLineBreaks_StayInOneRecordAndLinesCountOn()
    {
        var records = Utf8.Records("a,b\n\"two\nlines\",x\n\"say \"\"hi\"\"\",\"\"\"\n\"\n4,5\n");

        Assert.Equal(["a,b", "\"two\nlines\",x", "\"say \"\"hi\"\"\",\"\"\"\n\"", "4,5"], records.Select(r => r.Text));
        Assert.Equal([1L, 2L, 4L, 6L], records.Select(r => r.Line));
    }

    [Fact]
    public void TryRead_QuoteInsideAnUnquotedField_DoesNotSwallowTheLineEnd()
    {
        Assert.Equal(["size,note", "5,5\" pipe", "6,x"], Utf8.Records("size,note\n5,5\" pipe\n6,x\n").Select(r => r.Text));
    }

    [Fact]
    public void TryRead_ByteOrderMark_IsSkipped()
    {
        Assert.Equal(["time,a", "1,2"], Utf8.Records("\uFEFFtime,a\n1,2\n").Select(r => r.Text));
    }

    [Fact]
    public void TryRead_SeparatorDeclaration_FixesTheDialectAndIsNotARecord()
    {
        var splitter = new CsvRecordSplitter();

        var records = Utf8.Records("sep=;\na,b;c\n1,5;2\n", splitter);

        Assert.Equal(["a,b;c", "1,5;2"], records.Select(r => r.Text));
        Assert.Equal(CsvDialect.Semicolon, splitter.Dialect);
    }

    [Fact]
    public void TryRead_NoDialect_DetectsItFromTheFirstRecord()
    {
        var splitter = new CsvRecordSplitter();
        Utf8.Records("a\tb\n1,5\t2\n", splitter);

        Assert.Equal(CsvDialect.Tab, splitter.Dialect);
    }

    [Fact]
    public void TryRead_LastRecordWithoutLineEnd_ReturnedOnlyWhenCompleted()
    {
        var splitter = new CsvRecordSplitter();
        var buffer = new ReadOnlySequence<byte>(Utf8.Bytes("1,2\n3,4"));

        Assert.Equal(CsvSplit.Record, splitter.TryRead(ref buffer, false, out _));
        Assert.Equal(CsvSplit.NeedMore, splitter.TryRead(ref buffer, false, out _));
        Assert.Equal("3,4", Encoding.ASCII.GetString(buffer.ToArray()));
        Assert.Equal(CsvSplit.Record, splitter.TryRead(ref buffer, true, out ReadOnlySpan<byte> last));
        Assert.Equal("3,4", Encoding.ASCII.GetString(last));
        Assert.False(splitter.EndsInsideQuotes);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryRead_CutOffInsideQuotes_SaysSo()
    {
        var splitter = new CsvRecordSplitter();
        var buffer = new ReadOnlySequence<byte>(Utf8.Bytes("1,\"open\n"));

        Assert.Equal(CsvSplit.NeedMore, splitter.TryRead(ref buffer, false, out _));
        Assert.Equal(CsvSplit.Record, splitter.TryRead(ref buffer, true, out _));
        Assert.True(splitter.EndsInsideQuotes);
    }

    [Fact]
    public void TryRead_QuoteNeverClosed_CostsOnlyItsLine()
    {
        var splitter = new CsvRecordSplitter();

        var records = Utf8.Records("a,b\n\"open,1\n2,3\n4,5", splitter);

        Assert.Equal([("a,b", 1L), ("\"open,1", 2L), ("2,3", 3L), ("4,5", 4L)], records);
    }

    [Fact]
    public void TryRead_QuoteOpenPastTheLimitOnAStream_RecordEndsAtItsFirstLine()
    {
        var splitter = new CsvRecordSplitter(32);
        var buffer = new ReadOnlySequence<byte>(Utf8.Bytes("\"x,1\n" + string.Concat(Enumerable.Repeat("2,3\n", 10))));

        Assert.Equal(CsvSplit.Record, splitter.TryRead(ref buffer, false, out ReadOnlySpan<byte> first));
        Assert.Equal("\"x,1", Encoding.ASCII.GetString(first));
        Assert.True(splitter.EndsInsideQuotes);
        Assert.Equal(CsvSplit.Record, splitter.TryRead(ref buffer, false, out ReadOnlySpan<byte> next));
        Assert.Equal("2,3", Encoding.ASCII.GetString(next));
        Assert.False(splitter.EndsInsideQuotes);
    }

    [Fact]
    public void TryRead_EverySplitPoint_GivesTheSameRecords()
    {
        byte[] data = Utf8.Bytes("\uFEFFtime,\"a,1\",b\r\n1.5,\"x\ny\",-20\r\n# note\n2.5,11,NaN\r\n3.5,12,-22");
        var expected = Utf8.Records(Encoding.UTF8.GetString(data));
        for (int at = 1; at < data.Length; at++)
        {
            Assert.Equal(expected, ReadAll(Sequences.SplitAt(data, at)));
        }

        for (int size = 1; size < 8; size++)
        {
            Assert.Equal(expected, ReadAll(Sequences.Chunked(data, size)));
        }
    }

    [Fact]
    public void TryRead_RecordTooLongInOneBuffer_IsDroppedAndTheNextOneRead()
    {
        var splitter = new CsvRecordSplitter(32);
        var buffer = new ReadOnlySequence<byte>(Utf8.Bytes("1,2\n" + new string('9', 100) + ",1\n3,4\n"));

        Assert.Equal(CsvSplit.Record, splitter.TryRead(ref buffer, true, out _));
        Assert.Equal(CsvSplit.TooLong, splitter.TryRead(ref buffer, true, out _));
        Assert.Equal(103, splitter.SkippedBytes);
        Assert.Equal(CsvSplit.Record, splitter.TryRead(ref buffer, true, out ReadOnlySpan<byte> record));
        Assert.Equal("3,4", Encoding.ASCII.GetString(record));
        Assert.Equal(3, splitter.Line);
    }

    [Fact]
    public void TryRead_RecordTooLongArrivingInChunks_IsDroppedWithoutBeingHeld()
    {
        var splitter = new CsvRecordSplitter(64);
        byte[] chunk = Utf8.Bytes(new string('7', 50));
        var pending = ReadOnlySequence<byte>.Empty;
        var results = new List<CsvSplit>();
        long skipped = 0;
        for (int i = 0; i < 100; i++)
        {
            ReadOnlySequence<byte> buffer = pending.IsEmpty ? new ReadOnlySequence<byte>(chunk) : Sequences.Of(pending.ToArray(), chunk);
            CsvSplit split = splitter.TryRead(ref buffer, false, out _);
            results.Add(split);
            skipped += split is CsvSplit.TooLong or CsvSplit.Skipped ? splitter.SkippedBytes : 0;
            Assert.True(buffer.Length <= 64 + chunk.Length, "The splitter kept more than one record's worth.");
            pending = buffer;
        }

        ReadOnlySequence<byte> tail = Sequences.Of(pending.ToArray(), Utf8.Bytes("77\n5,6\n"));
        Assert.Equal(CsvSplit.Skipped, splitter.TryRead(ref tail, false, out _));
        Assert.Equal(CsvSplit.Record, splitter.TryRead(ref tail, false, out ReadOnlySpan<byte> record));
        Assert.Equal("5,6", Encoding.ASCII.GetString(record));
        Assert.Equal(1, results.Count(r => r == CsvSplit.TooLong));
        Assert.True(skipped >= 5000);
    }

    [Fact]
    public void TryRead_UnclosedQuoteLongerThanTheLimit_IsDroppedToTheNextLineEnd()
    {
        var splitter = new CsvRecordSplitter(16);
        var buffer = new ReadOnlySequence<byte>(Utf8.Bytes("\"" + new string('x', 40) + "\n1,2\n"));

        Assert.Equal(CsvSplit.TooLong, splitter.TryRead(ref buffer, true, out _));
        Assert.Equal(CsvSplit.Record, splitter.TryRead(ref buffer, true, out ReadOnlySpan<byte> record));
        Assert.Equal("1,2", Encoding.ASCII.GetString(record));
    }

    [Fact]
    public void TryRead_GarbageBytes_NeverThrow()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            var garbage = new byte[random.Next(0, 300)];
            random.NextBytes(garbage);
            byte[] data = [.. garbage, .. "\n1,2\n"u8];
            var splitter = new CsvRecordSplitter(64) { Dialect = CsvDialect.Comma };
            ReadOnlySequence<byte> buffer = Sequences.Chunked(data, 1 + random.Next(16));
            string? last = null;
            CsvSplit split;
            while ((split = splitter.TryRead(ref buffer, true, out ReadOnlySpan<byte> record)) != CsvSplit.NeedMore)
            {
                last = split == CsvSplit.Record ? Encoding.UTF8.GetString(record) : last;
            }

            Assert.True(buffer.IsEmpty);
            Assert.NotNull(last);
        }
    }

    private static List<(string, long)> ReadAll(ReadOnlySequence<byte> buffer)
    {
        var splitter = new CsvRecordSplitter();
        var records = new List<(string, long)>();
        while (splitter.TryRead(ref buffer, true, out ReadOnlySpan<byte> record) == CsvSplit.Record)
        {
            records.Add((Encoding.UTF8.GetString(record), splitter.Line));
        }

        return records;
    }
}
