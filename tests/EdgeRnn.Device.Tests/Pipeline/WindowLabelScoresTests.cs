using System.Globalization;
using EdgeRnn.Device.Commands;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Device.Tests.Alarms;
using EdgeRnn.Device.Tests.Sources;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Device.Tests.Pipeline;

/// <summary>
/// <c>edgernn-device run</c> labelling windows: the <c>--scores</c> file holds each read sample's one reading and the
/// summary its figures against the recording's label column, equal to the runtime's windows over the same samples
/// (pump-demo.csv's first 4,200 rows, with the fault labelled at rows 4,000 to 4,899).
/// </summary>
public sealed class WindowLabelScoresTests : IDisposable
{
    private const int Samples = 4200;
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-window-scores-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(64, 64)]
    [InlineData(64, 24)]
    [InlineData(50, 1)]
    public async Task RunAsync_Label_WritesEachSamplesReadingAndTheFiguresAgainstTheLabels(int window, int every)
    {
        string model = WindowLabelRunTests.SaveModel(_directory, ModelTask.Label);
        string scores = Path.Combine(_directory, "labels.csv");
        var (inputs, labels) = ReadDemo();
        int[] expected = Expected(RnnModel.Load(model), inputs, window, every, lastOnly: false);

        var (exit, text) = await Run(Settings(model) with { MaxSamples = Samples, WindowSamples = window, WindowEvery = every, ScoresPath = scores });

        Assert.Equal(DeviceRun.Ok, exit);
        string[] rows = File.ReadAllLines(scores);
        Assert.Equal("timestamp,class", rows[0]);
        int read = expected.Count(c => c >= 0);
        Assert.Equal(read + 1, rows.Length);
        Assert.Equal(expected.Where(c => c >= 0).Select(c => c == 0 ? "calm" : "busy"), rows.Skip(1).Select(r => r.Split(',')[1]));
        Assert.StartsWith("2026-01-01 00:00:00,", rows[1], StringComparison.Ordinal);
        Assert.Contains($"{read:N0} rows in {scores}", text, StringComparison.Ordinal);
        long correct = Enumerable.Range(0, Samples).Count(r => expected[r] >= 0 && expected[r] == labels[r]);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"labels: {read:N0} read samples against the label column: accuracy {(double)correct / read:F4}"), text, StringComparison.Ordinal);
        long busyRead = expected.Count(c => c == 1);
        long busyRight = Enumerable.Range(0, Samples).Count(r => expected[r] == 1 && labels[r] == 1);
        long busyLabelled = Enumerable.Range(0, Samples).Count(r => expected[r] >= 0 && labels[r] == 1);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"  class busy: precision {(busyRead == 0 ? 0 : (double)busyRight / busyRead):F4}  recall {(double)busyRight / busyLabelled:F4}"), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Classify_WritesTheLastSampleOfEachWindow()
    {
        string model = WindowLabelRunTests.SaveModel(_directory, ModelTask.Classify);
        string scores = Path.Combine(_directory, "classes.csv");
        var (inputs, _) = ReadDemo();
        int[] expected = Expected(RnnModel.Load(model), inputs, 40, 20, lastOnly: true);

        var (exit, text) = await Run(Settings(model) with { MaxSamples = Samples, WindowSamples = 40, WindowEvery = 20, ScoresPath = scores });

        Assert.Equal(DeviceRun.Ok, exit);
        string[] rows = File.ReadAllLines(scores);
        Assert.Equal(Samples / 20, rows.Length - 1);
        Assert.Equal(expected.Where(c => c >= 0).Select(c => c == 0 ? "calm" : "busy"), rows.Skip(1).Select(r => r.Split(',')[1]));
        Assert.StartsWith("2026-01-01 00:00:01.9,", rows[1], StringComparison.Ordinal);
        Assert.Contains("labels: 210 read samples against the label column", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tally_MapsLabelsByNumberOrIndexAndCountsTheRest()
    {
        var named = new LabelTally(["0.0", "1.0"]);
        var plain = new LabelTally(["calm", "busy"]);

        Assert.Equal(1, named.ClassOf(1f));
        Assert.Equal(0, named.ClassOf(0f));
        Assert.Equal(-1, named.ClassOf(2f));
        Assert.Equal(1, plain.ClassOf(1f));
        Assert.Equal(-1, plain.ClassOf(0.5f));
        named.Add(1, 2f);
        named.Add(1, float.NaN);
        named.Add(0, 1f);
        Assert.Equal(1, named.Total);
        Assert.Equal(1, named.Unmatched);
        Assert.Contains("accuracy 0.0000", named.Describe().First(), StringComparison.Ordinal);
        Assert.Empty(new LabelTally(["a"]).Describe());
    }

    [Fact]
    public void Readings_KeepTheWindowWithTheMostContextOnTheShorterSide()
    {
        var readings = new WindowReadings(5);
        for (long i = 0; i < 5; i++)
        {
            readings.Admit(i, i, float.NaN);
        }

        readings.Offer(1, 1, 2, reading: 0);   // window (0, 2): one sample before, none after
        readings.Offer(1, 1, 4, reading: 1);   // window (0, 4): one before, two after: better
        readings.Offer(1, 0, 5, reading: 0);   // window (1, 5): none before
        readings.Offer(2, 2, 4, reading: 1);   // min(2, 1) = 1
        readings.Offer(2, 1, 5, reading: 0);   // min(1, 3) = 1, longer window: better

        Assert.True(readings.TryRetire(1, out var one));
        Assert.Equal(1, one.Class);
        Assert.True(readings.TryRetire(2, out var two));
        Assert.Equal(0, two.Class);
        Assert.False(readings.TryRetire(3, out _));   // never read
        Assert.False(readings.TryRetire(1, out _));   // already retired
    }

    [Fact]
    public void PerSample_ReadingsTallyAndLabelsFile_AllocateNothingOnceWarm()
    {
        var readings = new WindowReadings(16);
        var tally = new LabelTally(["calm", "busy"]);
        using var file = EdgeRnn.Device.Scores.LabelsCsv.Open(Path.Combine(_directory, "alloc.csv"), ["calm", "busy"]);
        void Samples(long from, long to)
        {
            for (long i = from; i < to; i++)
            {
                if (readings.TryRetire(i - 16, out var old))
                {
                    tally.Add(old.Class, old.Label);
                    file.Write(old.TimestampMicroseconds, old.Class);
                }

                readings.Admit(i, 1_767_225_600_000_000 + (i * 100_000), i % 7 == 0 ? 1f : 0f);
                if ((i + 1) % 4 == 0)
                {
                    for (int p = 0; p < 16 && i - 15 + p >= 0; p++)
                    {
                        readings.Offer(i - 15 + p, p, 16, (int)((i + p) % 2));
                    }
                }
            }
        }

        Samples(0, 1000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Samples(1000, 21_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(file.Written > 20_000 - 16);
    }

    /// <summary>The oracle: each sample's class from the runtime's windows (ending every K samples, the last N), by the shorter-side rule; −1 unread.</summary>
    private static int[] Expected(RnnModel model, float[] inputs, int window, int every, bool lastOnly)
    {
        var runner = model.CreateWindow(window);
        var outputs = new float[window * 2];
        var best = new int[Samples];
        var context = new (int Short, int Count)[Samples];
        best.AsSpan().Fill(-1);
        for (int end = every; end <= Samples; end += every)
        {
            int count = Math.Min(end, window);
            int start = end - count;
            runner.Run(inputs.AsSpan(start * 3, count * 3), outputs.AsSpan(0, (lastOnly ? 1 : count) * 2));
            for (int p = lastOnly ? count - 1 : 0; p < count; p++)
            {
                int o = lastOnly ? 0 : p * 2;
                var here = (Short: Math.Min(p, count - 1 - p), Count: count);
                if (best[start + p] < 0 || here.Short > context[start + p].Short || (here.Short == context[start + p].Short && here.Count >= context[start + p].Count))
                {
                    best[start + p] = outputs[o + 1] > outputs[o] ? 1 : 0;
                    context[start + p] = here;
                }
            }
        }

        return best;
    }

    private static (float[] Inputs, int[] Labels) ReadDemo()
    {
        var rows = File.ReadLines(DemoCommand.RecordingPath).Skip(1).Take(Samples).Select(l => l.Split(',')).ToArray();
        return ([.. rows.SelectMany(r => r[1..4].Select(v => float.Parse(v, CultureInfo.InvariantCulture)))], [.. rows.Select(r => int.Parse(r[4], CultureInfo.InvariantCulture))]);
    }

    private static RunSettings Settings(string model) => new()
    {
        ModelPath = model,
        Source = SourceSpec.Parse("csv:" + DemoCommand.RecordingPath),
        SourceOptions = new SourceOptions { Speed = 0 },
        View = StatusView.None,
    };

    private static async Task<(int Exit, string Text)> Run(RunSettings settings)
    {
        var human = new CaptureWriter();
        int exit = await DeviceRun.RunAsync(settings, new RunOutput(human, false, Stream.Null, _ => new FakeAlarmLine()), Eventually.Limit());
        return (exit, human.Text);
    }
}
