using System.Buffers;
using System.Text;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Tests.Framing;

public class CsvLineParserTests
{
    private readonly FrameCounters _counters = new();

    [Fact]
    public void TryReadSample_PlainLines_ParsesEachLine()
    {
        List<float[]> rows = ReadAll("1,2,3\n4.5,-6e-1,7\n", out _);

        Assert.Equal(2, rows.Count);
        Assert.Equal([1f, 2f, 3f], rows[0]);
        Assert.Equal([4.5f, -0.6f, 7f], rows[1]);
        Assert.Equal(2, _counters.Frames);
        Assert.Equal(0, _counters.BadFrames);
    }

    [Fact]
    public void TryReadSample_CrLfEmptyLinesAndComments_SkipsAllButData()
    {
        List<float[]> rows = ReadAll("\r\n# a comment\r\n1;2\r\n\r\n\n  \n3;4\r\n", out CsvLineParser parser);

        Assert.Equal([[1f, 2f], [3f, 4f]], rows);
        Assert.Equal((byte)';', parser.Separator);
        Assert.Equal(0, _counters.BadFrames);
    }

    [Fact]
    public void TryReadSample_Header_NamesChannelsAndFindsTimestampAndLabel()
    {
        var samples = new List<(long Time, float[] Values, float Label)>();
        CsvLineParser parser = NewParser();
        ReadOnlySequence<byte> buffer = Bytes("time,pressure,flow,label\n1700000000.5,1,2,0\n1700000001.25,3,4,1\n");
        var sample = new SampleBuffer(8);
        while (parser.TryReadSample(ref buffer, true, sample))
        {
            Assert.True(sample.HasTimestamp);
            samples.Add((sample.TimestampMicroseconds, sample.Values.ToArray(), sample.Label));
        }

        Assert.Equal(["pressure", "flow"], parser.ChannelNames);
        Assert.Equal(2, parser.ChannelCount);
        Assert.True(parser.HasTimestampColumn);
        Assert.Equal(1_700_000_000_500_000L, samples[0].Time);
        Assert.Equal(1_700_000_001_250_000L, samples[1].Time);
        Assert.Equal([3f, 4f], samples[1].Values);
        Assert.Equal(0f, samples[0].Label);
        Assert.Equal(1f, samples[1].Label);
    }

    [Fact]
    public void TryReadSample_IsoTimestampWithoutHeader_DetectsTimestampColumn()
    {
        CsvLineParser parser = NewParser();
        ReadOnlySequence<byte> buffer = Bytes("2026-01-01T00:00:01.5Z,1,2\n2026-01-01T01:00:00+01:00,3,4\n");
        var sample = new SampleBuffer(4);

        Assert.True(parser.TryReadSample(ref buffer, false, sample));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 1, 500, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000,
            sample.TimestampMicroseconds);
        Assert.Equal([1f, 2f], sample.Values.ToArray());
        Assert.True(parser.TryReadSample(ref buffer, false, sample));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000,
            sample.TimestampMicroseconds);
        Assert.Equal(2, parser.ChannelCount);
    }

    [Fact]
    public void TryReadSample_SemicolonsWithDecimalCommas_ParsesValues()
    {
        List<float[]> rows = ReadAll("a;b\n1,5;-2,25\n", out _);

        Assert.Equal([[1.5f, -2.25f]], rows);
    }

    [Fact]
    public void TryReadSample_NaNInfinitiesAndEmptyFields_AreFlaggedValues()
    {
        CsvLineParser parser = NewParser();
        ReadOnlySequence<byte> buffer = Bytes("1,2,3,4\nNaN,inf,-Infinity,\n5,6,7,8\n");
        var sample = new SampleBuffer(4);

        Assert.True(parser.TryReadSample(ref buffer, false, sample));
        Assert.Equal(0, sample.NonFiniteCount);
        Assert.True(parser.TryReadSample(ref buffer, false, sample));
        Assert.Equal(4, sample.NonFiniteCount);
        Assert.True(float.IsNaN(sample.Values[0]));
        Assert.Equal(float.PositiveInfinity, sample.Values[1]);
        Assert.Equal(float.NegativeInfinity, sample.Values[2]);
        Assert.True(float.IsNaN(sample.Values[3]));
        Assert.True(parser.TryReadSample(ref buffer, false, sample));
        Assert.Equal(0, sample.NonFiniteCount);
        Assert.Equal(1, _counters.NonFiniteFrames);
        Assert.Equal(0, _counters.BadFrames);
    }

    [Fact]
    public void TryReadSample_MalformedLines_AreCountedByReasonAndSkipped()
    {
        List<float[]> rows = ReadAll("t,a,b\n1,1,2\n2,3\n3,x,4\nnot-a-time,5,6\n4,1,2,3\n5,7,8\n", out _);

        Assert.Equal([[1f, 2f], [7f, 8f]], rows);
        Assert.Equal(2, _counters.BadFramesOf(BadFrameReason.WrongFieldCount));
        Assert.Equal(1, _counters.BadFramesOf(BadFrameReason.NotANumber));
        Assert.Equal(1, _counters.BadFramesOf(BadFrameReason.BadTimestamp));
        Assert.Equal(BadFrameReason.WrongFieldCount, _counters.LastBadFrameReason);
    }

    [Fact]
    public void TryReadSample_ExpectedChannelsDiffer_CountsWrongFieldCount()
    {
        var parser = new CsvLineParser(new CsvOptions { ExpectedChannels = 3 }, _counters);
        ReadOnlySequence<byte> buffer = Bytes("1,2\n1,2,3\n");
        var sample = new SampleBuffer(4);

        Assert.True(parser.TryReadSample(ref buffer, true, sample));
        Assert.Equal([1f, 2f, 3f], sample.Values.ToArray());
        Assert.Equal(1, _counters.BadFramesOf(BadFrameReason.WrongFieldCount));
    }

    [Fact]
    public void TryReadSample_LastLineWithoutNewline_ParsedOnlyWhenCompleted()
    {
        CsvLineParser parser = NewParser();
        ReadOnlySequence<byte> buffer = Bytes("1,2\n3,4");
        var sample = new SampleBuffer(4);

        Assert.True(parser.TryReadSample(ref buffer, false, sample));
        Assert.False(parser.TryReadSample(ref buffer, false, sample));
        Assert.Equal("3,4", Encoding.ASCII.GetString(buffer.ToArray()));
        Assert.True(parser.TryReadSample(ref buffer, true, sample));
        Assert.Equal([3f, 4f], sample.Values.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryReadSample_EverySplitPoint_GivesTheSameSamples()
    {
        byte[] data = Encoding.ASCII.GetBytes("time,a,b\r\n1.5,10,-20\r\n2.5,11,NaN\r\n3.5,12,-22");
        List<float[]> expected = ReadAll(Encoding.ASCII.GetString(data), out _);
        for (int at = 1; at < data.Length; at++)
        {
            var counters = new FrameCounters();
            var parser = new CsvLineParser(new CsvOptions(), counters);
            ReadOnlySequence<byte> buffer = Sequences.SplitAt(data, at);
            var rows = new List<float[]>();
            var sample = new SampleBuffer(4);
            while (parser.TryReadSample(ref buffer, true, sample))
            {
                rows.Add(sample.Values.ToArray());
            }

            Assert.Equal(expected, rows);
            Assert.Equal(0, counters.BadFrames);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void TryReadSample_ManySmallSegments_GivesTheSameSamples(int size)
    {
        string text = "a,b,c\n1,2,3\n4,5,6\r\n7,8,9\n";
        ReadOnlySequence<byte> buffer = Sequences.Chunked(Encoding.ASCII.GetBytes(text), size);
        CsvLineParser parser = NewParser();
        var sample = new SampleBuffer(4);
        var rows = new List<float[]>();
        while (parser.TryReadSample(ref buffer, true, sample))
        {
            rows.Add(sample.Values.ToArray());
        }

        Assert.Equal([[1f, 2f, 3f], [4f, 5f, 6f], [7f, 8f, 9f]], rows);
    }

    [Fact]
    public void TryReadSample_LineTooLongInOneBuffer_IsCountedAndSkipped()
    {
        var parser = new CsvLineParser(new CsvOptions { MaxLineLength = 32 }, _counters);
        ReadOnlySequence<byte> buffer = Bytes("1,2\n" + new string('9', 100) + ",1\n3,4\n");
        var sample = new SampleBuffer(4);
        var rows = new List<float[]>();
        while (parser.TryReadSample(ref buffer, true, sample))
        {
            rows.Add(sample.Values.ToArray());
        }

        Assert.Equal([[1f, 2f], [3f, 4f]], rows);
        Assert.Equal(1, _counters.BadFramesOf(BadFrameReason.LineTooLong));
    }

    [Fact]
    public void TryReadSample_LineTooLongArrivingInChunks_IsDroppedWithoutBuffering()
    {
        var parser = new CsvLineParser(new CsvOptions { MaxLineLength = 64 }, _counters);
        var sample = new SampleBuffer(4);
        byte[] chunk = Encoding.ASCII.GetBytes(new string('7', 50));
        ReadOnlySequence<byte> pending = ReadOnlySequence<byte>.Empty;
        for (int i = 0; i < 100; i++)
        {
            ReadOnlySequence<byte> buffer = pending.IsEmpty ? new ReadOnlySequence<byte>(chunk) : Sequences.Of(pending.ToArray(), chunk);
            Assert.False(parser.TryReadSample(ref buffer, false, sample));
            Assert.True(buffer.Length <= 64 + chunk.Length, "The parser kept more than one line of a too-long line.");
            pending = buffer;
        }

        ReadOnlySequence<byte> tail = Sequences.Of(pending.ToArray(), Encoding.ASCII.GetBytes("77\n5,6\n"));
        Assert.True(parser.TryReadSample(ref tail, false, sample));
        Assert.Equal([5f, 6f], sample.Values.ToArray());
        Assert.Equal(1, _counters.BadFramesOf(BadFrameReason.LineTooLong));
        Assert.True(_counters.SkippedBytes >= 5000);
    }

    [Fact]
    public void TryReadSample_GarbageBytes_NeverThrowAndLaterLinesParse()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            var garbage = new byte[random.Next(0, 300)];
            random.NextBytes(garbage);
            byte[] data = [.. garbage, .. "\n1,2\n"u8];
            var counters = new FrameCounters();
            var parser = new CsvLineParser(new CsvOptions { Separator = (byte)',', Timestamp = CsvTimestamp.None, ExpectedChannels = 2 }, counters);
            ReadOnlySequence<byte> buffer = Sequences.Chunked(data, 1 + random.Next(16));
            var sample = new SampleBuffer(4);
            float[]? last = null;
            while (parser.TryReadSample(ref buffer, true, sample))
            {
                last = sample.Values.ToArray();
            }

            Assert.NotNull(last);
            Assert.Equal([1f, 2f], last);
        }
    }

    private CsvLineParser NewParser() => new(new CsvOptions(), _counters);

    private List<float[]> ReadAll(string text, out CsvLineParser parser)
    {
        parser = NewParser();
        ReadOnlySequence<byte> buffer = Bytes(text);
        var sample = new SampleBuffer(16);
        var rows = new List<float[]>();
        while (parser.TryReadSample(ref buffer, true, sample))
        {
            rows.Add(sample.Values.ToArray());
        }

        return rows;
    }

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void TryReadSample_LinesWithoutChannels_AreCountedNotLearned()
    {
        List<float[]> rows = ReadAll("2026-01-01T00:00:00Z\n2026-01-01T00:00:01Z,5\n", out CsvLineParser parser);

        Assert.Equal([[5f]], rows);
        Assert.Equal(1, parser.ChannelCount);
        Assert.Equal(1, _counters.BadFramesOf(BadFrameReason.WrongFieldCount));
    }
}
