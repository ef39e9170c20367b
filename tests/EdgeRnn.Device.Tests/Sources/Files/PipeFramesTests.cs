using System.IO.Pipelines;
using System.Text;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;
using EdgeRnn.Device.Sources.Files;
using EdgeRnn.Device.Tests.Framing;

namespace EdgeRnn.Device.Tests.Sources.Files;

public class PipeFramesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ReadSampleAsync_CsvWrittenInRandomPieces_ReadsEveryLineInOrder(int seed)
    {
        var text = new StringBuilder("time,a,b\r\n");
        for (int i = 0; i < 500; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i}.5,{i},{-i}\r\n");
            if (i % 50 == 0)
            {
                text.Append("garbage,line\n\n");
            }
        }

        var counters = new FrameCounters();
        List<float> values = await ReadThroughPipe(Encoding.ASCII.GetBytes(text.ToString()), new CsvLineParser(new CsvOptions(), counters), seed);

        Assert.Equal(Enumerable.Range(0, 500).Select(i => (float)i), values);
        Assert.Equal(10, counters.BadFramesOf(BadFrameReason.WrongFieldCount));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task ReadSampleAsync_BinaryWithNoiseInRandomPieces_ReadsEveryValidFrame(int seed)
    {
        var random = new Random(seed);
        var data = new List<byte>();
        for (int i = 0; i < 300; i++)
        {
            data.AddRange(BinaryFrameTests.Frame([i, 2 * i], i));
            if (i % 30 == 0)
            {
                var noise = new byte[random.Next(1, 40)];
                random.NextBytes(noise);
                data.AddRange(noise);
            }
        }

        List<float> values = await ReadThroughPipe([.. data], new BinaryFrameParser(new FrameCounters(), maxChannels: 8), seed);

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (float)i), values);
    }

    private static async Task<List<float>> ReadThroughPipe(byte[] data, IFrameParser parser, int seed)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 256, resumeWriterThreshold: 128, minimumSegmentSize: 64));
        var random = new Random(seed);
        Task writer = Task.Run(async () =>
        {
            for (int offset = 0; offset < data.Length;)
            {
                int size = Math.Min(data.Length - offset, random.Next(1, 100));
                await pipe.Writer.WriteAsync(data.AsMemory(offset, size));
                offset += size;
            }

            await pipe.Writer.CompleteAsync();
        });
        var sample = new SampleBuffer(8);
        var values = new List<float>();
        while (await PipeFrames.ReadSampleAsync(pipe.Reader, parser, sample, Eventually.Limit()))
        {
            values.Add(sample.Values[0]);
        }

        await pipe.Reader.CompleteAsync();
        await writer;
        return values;
    }
}
