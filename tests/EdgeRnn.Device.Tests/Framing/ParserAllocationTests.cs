using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Tests.Framing;

public class ParserAllocationTests
{
    private const int Samples = 10_000;

    [Fact]
    public void CsvLineParser_TenThousandLinesFromAWarmPipe_AllocatesNothing()
    {
        var text = new StringBuilder();
        for (int i = 0; i < Samples; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"2026-01-01T00:{i / 6000 % 60:00}:{i / 100 % 60:00}.{i % 100:00}Z,{i * 0.5},-{i % 17}.25,NaN,{i % 2}\r\n");
        }

        byte[] lines = Encoding.ASCII.GetBytes(text.ToString());
        var counters = new FrameCounters();
        var parser = new CsvLineParser(new CsvOptions(), counters);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, minimumSegmentSize: 4096, useSynchronizationContext: false));
        var sample = new SampleBuffer(8);
        Feed(pipe, "time,a,b,c,label\n"u8.ToArray());
        Assert.Equal(0, Drain(pipe, parser, sample));
        Feed(pipe, lines);
        Assert.Equal(Samples, Drain(pipe, parser, sample));
        Feed(pipe, lines);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int read = Drain(pipe, parser, sample);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Samples, read);
        Assert.Equal(0, allocated);
        Assert.Equal(0, counters.BadFrames);
        Assert.Equal(2 * Samples, counters.NonFiniteFrames);
        Assert.Equal(3, parser.ChannelCount);
    }

    [Fact]
    public void CsvLineParser_QuotedSemicolonLinesWithDecimalCommas_AllocateNothing()
    {
        var text = new StringBuilder();
        for (int i = 0; i < Samples; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\"{1_767_225_600 + (i * 0.01):0.00}\";\"{i % 9},5\";-{i % 17},25;\"\";{i % 2}\r\n");
        }

        byte[] lines = Encoding.ASCII.GetBytes(text.ToString());
        var counters = new FrameCounters();
        var parser = new CsvLineParser(new CsvOptions(), counters);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, minimumSegmentSize: 4096, useSynchronizationContext: false));
        var sample = new SampleBuffer(8);
        Feed(pipe, "\"time\";\"a;1\";b;c;anomaly\n"u8.ToArray());
        Assert.Equal(0, Drain(pipe, parser, sample));
        Feed(pipe, lines);
        Assert.Equal(Samples, Drain(pipe, parser, sample));
        Feed(pipe, lines);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int read = Drain(pipe, parser, sample);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Samples, read);
        Assert.Equal(0, allocated);
        Assert.Equal(0, counters.BadFrames);
        Assert.Equal(["a;1", "b", "c"], parser.ChannelNames);
        Assert.Equal(-0.25f - (Samples - 1) % 17, sample.Values[1]);
    }

    [Fact]
    public void BinaryFrameParser_TenThousandFramesFromAWarmPipe_AllocatesNothing()
    {
        int length = BinaryFrame.GetLength(6);
        var frames = new byte[length * Samples];
        for (int i = 0; i < Samples; i++)
        {
            BinaryFrame.Encode(frames.AsSpan(i * length), [i, 1, 2, 3, 4, 5], i * 10_000L);
        }

        var counters = new FrameCounters();
        var parser = new BinaryFrameParser(counters);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, minimumSegmentSize: 4096, useSynchronizationContext: false));
        var sample = new SampleBuffer(8);
        Feed(pipe, frames);
        Assert.Equal(Samples, Drain(pipe, parser, sample));
        Feed(pipe, frames);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int read = Drain(pipe, parser, sample);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Samples, read);
        Assert.Equal(0, allocated);
        Assert.Equal(0, counters.BadFrames);
        Assert.Equal(Samples - 1, sample.Values[0]);
    }

    private static void Feed(Pipe pipe, byte[] data)
    {
        // Written in odd-sized pieces so that lines and frames straddle segments.
        for (int offset = 0; offset < data.Length; offset += 1000)
        {
            pipe.Writer.Write(data.AsSpan(offset, Math.Min(1000, data.Length - offset)));
        }

        Assert.True(pipe.Writer.FlushAsync().AsTask().IsCompletedSuccessfully);
    }

    private static int Drain(Pipe pipe, IFrameParser parser, SampleBuffer sample)
    {
        int count = 0;
        while (pipe.Reader.TryRead(out ReadResult result))
        {
            ReadOnlySequence<byte> buffer = result.Buffer;
            bool got = parser.TryReadSample(ref buffer, false, sample);
            pipe.Reader.AdvanceTo(buffer.Start, got ? buffer.Start : buffer.End);
            if (!got)
            {
                break;
            }

            count++;
        }

        return count;
    }
}
