using System.Buffers;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Tests.Framing;

public class BinaryFrameTests
{
    // The worked example of Framing/README.md: 3 channels (1.0, -2.5, 20.25) at 2026-01-01T00:00:00Z.
    private const string WorkedExample =
        "ed 52 01 03 00 01 00 40 20 46 48 47 06 00 00 00 80 3f 00 00 20 c0 00 00 a2 41 1e 6d 77 4f";

    [Fact]
    public void Encode_ReadmeWorkedExample_MatchesByteForByte()
    {
        var frame = new byte[BinaryFrame.GetLength(3)];

        int length = BinaryFrame.Encode(frame, [1.0f, -2.5f, 20.25f], 1_767_225_600_000_000L);

        Assert.Equal(30, length);
        Assert.Equal(WorkedExample, Convert.ToHexString(frame).ToLowerInvariant().Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + " " + b));
    }

    [Fact]
    public void TryReadSample_ReadmeWorkedExample_DecodesValuesAndTimestamp()
    {
        byte[] frame = Convert.FromHexString(WorkedExample.Replace(" ", "", StringComparison.Ordinal));
        var counters = new FrameCounters();
        var parser = new BinaryFrameParser(counters);
        var buffer = new ReadOnlySequence<byte>(frame);
        var sample = new SampleBuffer(8);

        Assert.True(parser.TryReadSample(ref buffer, false, sample));
        Assert.Equal([1.0f, -2.5f, 20.25f], sample.Values.ToArray());
        Assert.True(sample.HasTimestamp);
        Assert.Equal(1_767_225_600_000_000L, sample.TimestampMicroseconds);
        Assert.True(buffer.IsEmpty);
        Assert.Equal(3, parser.ChannelCount);
    }

    [Fact]
    public void Encode_Parse_RoundTripsWithoutTimestampAndWithNaN()
    {
        byte[] frame = Frame([float.NaN, 3f], null);
        var parser = new BinaryFrameParser(new FrameCounters());
        var buffer = new ReadOnlySequence<byte>(frame);
        var sample = new SampleBuffer(4);

        Assert.True(parser.TryReadSample(ref buffer, true, sample));
        Assert.False(sample.HasTimestamp);
        Assert.Equal(1, sample.NonFiniteCount);
        Assert.Equal(3f, sample.Values[1]);
    }

    [Fact]
    public void TryReadSample_EverySplitPoint_DecodesBothFrames()
    {
        byte[] data = [.. Frame([1f, 2f, 3f], 10), .. Frame([4f, 5f, 6f], 20)];
        for (int at = 1; at < data.Length; at++)
        {
            var counters = new FrameCounters();
            var parser = new BinaryFrameParser(counters);
            ReadOnlySequence<byte> buffer = Sequences.SplitAt(data, at);
            var sample = new SampleBuffer(4);

            Assert.True(parser.TryReadSample(ref buffer, false, sample));
            Assert.Equal(10, sample.TimestampMicroseconds);
            Assert.True(parser.TryReadSample(ref buffer, false, sample));
            Assert.Equal([4f, 5f, 6f], sample.Values.ToArray());
            Assert.False(parser.TryReadSample(ref buffer, false, sample));
            Assert.Equal(0, counters.BadFrames);
        }
    }

    [Fact]
    public void TryReadSample_IncompleteFrame_WaitsWithoutConsuming()
    {
        byte[] frame = Frame([1f, 2f], 5);
        var parser = new BinaryFrameParser(new FrameCounters());
        var buffer = new ReadOnlySequence<byte>(frame, 0, frame.Length - 1);
        var sample = new SampleBuffer(4);

        Assert.False(parser.TryReadSample(ref buffer, false, sample));
        Assert.Equal(frame.Length - 1, buffer.Length);
    }

    [Fact]
    public void TryReadSample_CorruptedValue_CountsCrcMismatchAndReadsNextFrame()
    {
        byte[] bad = Frame([1f, 2f], 1);
        bad[15] ^= 0x40;
        byte[] data = [.. bad, .. Frame([7f, 8f], 2)];
        var counters = new FrameCounters();

        List<float[]> rows = ReadAll(data, counters, isCompleted: true);

        Assert.Equal([[7f, 8f]], rows);
        Assert.Equal(1, counters.BadFramesOf(BadFrameReason.CrcMismatch));
        Assert.Equal(0, counters.BadFramesOf(BadFrameReason.Garbage));
    }

    [Fact]
    public void TryReadSample_GarbageBetweenFrames_ResynchronisesAndCountsOnePerRun()
    {
        byte[] data = [.. "hello"u8, .. Frame([1f], 1), 0xED, 0x00, 0x13, .. Frame([2f], 2), 0xED];
        var counters = new FrameCounters();

        List<float[]> rows = ReadAll(data, counters, isCompleted: true);

        Assert.Equal([[1f], [2f]], rows);
        Assert.Equal(3, counters.BadFramesOf(BadFrameReason.Garbage));
        Assert.Equal(9, counters.SkippedBytes);
    }

    [Fact]
    public void TryReadSample_BadVersionAndChannelCounts_AreCountedAndSkipped()
    {
        byte[] version = Frame([1f], 1);
        version[2] = 2;
        byte[] zero = Frame([1f], 1);
        zero[3] = 0;
        byte[] huge = Frame([1f], 1);
        huge[4] = 0x40;
        byte[] data = [.. version, .. zero, .. huge, .. Frame([9f], 9)];
        var counters = new FrameCounters();

        List<float[]> rows = ReadAll(data, counters, isCompleted: false);

        Assert.Equal([[9f]], rows);
        Assert.Equal(1, counters.BadFramesOf(BadFrameReason.UnsupportedVersion));
        Assert.Equal(2, counters.BadFramesOf(BadFrameReason.BadChannelCount));
    }

    [Fact]
    public void TryReadSample_ChannelCountChanges_CountsMismatch()
    {
        byte[] data = [.. Frame([1f, 2f], 1), .. Frame([1f], 2), .. Frame([3f, 4f], 3)];
        var counters = new FrameCounters();

        List<float[]> rows = ReadAll(data, counters, isCompleted: true);

        Assert.Equal([[1f, 2f], [3f, 4f]], rows);
        Assert.Equal(1, counters.BadFramesOf(BadFrameReason.ChannelCountMismatch));
    }

    [Fact]
    public void TryReadSample_TruncatedAtEnd_CountsTruncatedAndKeepsEarlierFrames()
    {
        byte[] data = [.. Frame([1f], 1), .. Frame([2f], 2)[..10]];
        var counters = new FrameCounters();

        List<float[]> rows = ReadAll(data, counters, isCompleted: true);

        Assert.Equal([[1f]], rows);
        Assert.Equal(1, counters.BadFramesOf(BadFrameReason.Truncated));
    }

    [Fact]
    public void TryReadSample_FalseMagicClaimingALongFrame_DoesNotSwallowTheNextFrame()
    {
        // A fake header that declares 1000 channels, then a real frame inside the bytes it claims.
        byte[] fake = [0xED, 0x52, 0x01, 0xE8, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] data = [.. fake, .. Frame([5f, 6f], 3)];
        var counters = new FrameCounters();

        List<float[]> rows = ReadAll(data, counters, isCompleted: true, maxChannels: BinaryFrame.MaxChannels);

        Assert.Equal([[5f, 6f]], rows);
        Assert.Equal(1, counters.BadFramesOf(BadFrameReason.Truncated));
    }

    [Fact]
    public void TryReadSample_RandomBytesBeforeAValidFrame_NeverThrowsAndNeverLosesIt()
    {
        var random = new Random(1234);
        byte[] valid = Frame([11f, 22f, 33f], 42);
        for (int trial = 0; trial < 2000; trial++)
        {
            var garbage = new byte[random.Next(0, 200)];
            random.NextBytes(garbage);
            if (trial % 3 == 0 && garbage.Length > 2)
            {
                garbage[random.Next(garbage.Length - 1)] = 0xED;
                garbage[random.Next(garbage.Length)] = 0x52;
            }

            byte[] data = [.. garbage, .. valid];
            var counters = new FrameCounters();
            var parser = new BinaryFrameParser(counters, maxChannels: 64);
            ReadOnlySequence<byte> buffer = Sequences.Chunked(data, 1 + random.Next(40));
            var sample = new SampleBuffer(64);
            float[]? last = null;
            while (parser.TryReadSample(ref buffer, true, sample))
            {
                last = sample.Values.ToArray();
            }

            Assert.NotNull(last);
            Assert.Equal([11f, 22f, 33f], last);
            Assert.True(buffer.IsEmpty);
        }
    }

    [Fact]
    public void AutoFrameParser_FirstByte_PicksBinaryOrCsv()
    {
        var counters = new FrameCounters();
        var binary = new AutoFrameParser(() => new CsvLineParser(new CsvOptions(), counters), () => new BinaryFrameParser(counters));
        var csv = new AutoFrameParser(() => new CsvLineParser(new CsvOptions(), counters), () => new BinaryFrameParser(counters));
        var sample = new SampleBuffer(4);
        var frames = new ReadOnlySequence<byte>(Frame([1f, 2f], 3));
        var lines = new ReadOnlySequence<byte>("1,2\n"u8.ToArray());

        Assert.True(binary.TryReadSample(ref frames, false, sample));
        Assert.True(csv.TryReadSample(ref lines, false, sample));
        Assert.IsType<BinaryFrameParser>(binary.Chosen);
        Assert.IsType<CsvLineParser>(csv.Chosen);
    }

    internal static byte[] Frame(float[] values, long? timestamp)
    {
        var frame = new byte[BinaryFrame.GetLength(values.Length)];
        BinaryFrame.Encode(frame, values, timestamp);
        return frame;
    }

    private static List<float[]> ReadAll(byte[] data, FrameCounters counters, bool isCompleted, int maxChannels = 16)
    {
        var parser = new BinaryFrameParser(counters, maxChannels: maxChannels);
        var buffer = new ReadOnlySequence<byte>(data);
        var sample = new SampleBuffer(maxChannels);
        var rows = new List<float[]>();
        while (parser.TryReadSample(ref buffer, isCompleted, sample))
        {
            rows.Add(sample.Values.ToArray());
        }

        return rows;
    }
}
