using System.Globalization;
using EdgeRnn.Device.Commands;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Scores;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Files;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Device.Tests.Alarms;
using EdgeRnn.Device.Tests.Pipeline;
using EdgeRnn.Runtime;

namespace EdgeRnn.Device.Tests.Sources.Files;

/// <summary>
/// The board reads every dialect of the recording contract as the plain comma file, from a <c>csv:</c> file and from
/// standard input: the first 2,600 rows of the bundled pump recording (its first fault included) give the same scores,
/// row for row, and the same summary, whatever the delimiter, quoting, timestamp style or label column name.
/// </summary>
public sealed class DialectRunTests : IDisposable
{
    private const int Rows = 2600;
    private static readonly string[] LabelNames = ["label", "anomaly", "class", "is_anomaly"];
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-dialect-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Dialects => [.. RecordingDialect.All.Where(d => d != RecordingDialect.Comma).Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task RunAsync_CsvFileInADialect_ScoresAndSummaryOfThePlainFile(string dialect)
    {
        var plain = await RunCsv(RecordingDialect.Comma, "label");
        int index = RecordingDialect.All.ToList().IndexOf(RecordingDialect.Named(dialect));
        var other = await RunCsv(RecordingDialect.Named(dialect), LabelNames[index % LabelNames.Length]);

        // Without a header there is no label column, and so no labelled anomalies to count.
        string expected = RecordingDialect.Named(dialect).Header ? plain.Summary : plain.Summary[..plain.Summary.IndexOf("\nlabelled", StringComparison.Ordinal)];
        Assert.Equal(plain.Scores, other.Scores);
        Assert.Equal(expected, other.Summary);
        Assert.Contains($"samples     {Rows:N0}", plain.Summary, StringComparison.Ordinal);
        Assert.Contains("input       0 bad frames", other.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task ReadAsync_StandardInputInADialect_ScoresOfThePlainText(string dialect)
    {
        var plain = await RunStdin(RecordingDialect.Comma);
        var other = await RunStdin(RecordingDialect.Named(dialect));

        Assert.Equal(Rows, other.Processed);
        Assert.Equal(0, other.BadFrames);
        Assert.Equal(plain.Scores, other.Scores);
    }

    [Theory]
    [InlineData("anomaly")]
    [InlineData("class")]
    [InlineData("is_anomaly")]
    public async Task RunAsync_EachLabelColumnName_CountsTheLabelledAnomalies(string labelName)
    {
        var (_, summary) = await RunCsv(RecordingDialect.Named("semicolon"), labelName);

        Assert.Contains("labelled    1 anomalies in the recording", summary, StringComparison.Ordinal);
    }

    /// <summary>The rows of the bundled recording: timestamp, the three channels, the label (none without a header).</summary>
    private static string Recording(RecordingDialect dialect, string labelName)
    {
        var rows = File.ReadLines(DemoCommand.RecordingPath).Skip(1).Take(Rows).Select(line =>
        {
            string[] cells = line.Split(',');
            object[] row =
            [
                DateTime.Parse(cells[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
                float.Parse(cells[1], CultureInfo.InvariantCulture),
                float.Parse(cells[2], CultureInfo.InvariantCulture),
                float.Parse(cells[3], CultureInfo.InvariantCulture),
            ];
            return (IReadOnlyList<object>)(dialect.Header ? [.. row, int.Parse(cells[4], CultureInfo.InvariantCulture)] : row);
        });
        return dialect.Write(["timestamp", "vibration_rms", "temperature", "motor_current", labelName], rows);
    }

    private async Task<(string Scores, string Summary)> RunCsv(RecordingDialect dialect, string labelName)
    {
        string data = Path.Combine(_directory, dialect.Name + ".csv");
        string scores = Path.Combine(_directory, dialect.Name + ".scores.csv");
        File.WriteAllText(data, Recording(dialect, labelName));
        var human = new CaptureWriter();
        var settings = new RunSettings
        {
            ModelPath = DemoCommand.ModelPath,
            Source = SourceSpec.Parse("csv:" + data),
            SourceOptions = new SourceOptions { Speed = 0 },
            View = StatusView.None,
            ScoresPath = scores,
        };

        int exit = await DeviceRun.RunAsync(settings, new RunOutput(human, false, Stream.Null, _ => new FakeAlarmLine()), Eventually.Limit());

        Assert.True(exit == DeviceRun.Ok, $"{dialect}: {human.Text}");
        return (File.ReadAllText(scores), Summary(human.Text));
    }

    /// <summary>The summary's samples (without the timing), input, alarms and labelled lines.</summary>
    private static string Summary(string text)
    {
        string[] kept = ["samples", "input", "alarms", "labelled"];
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => kept.Any(k => l.StartsWith(k + " ", StringComparison.Ordinal)));
        return string.Join('\n', lines.Select(l => l.StartsWith("samples", StringComparison.Ordinal) ? l[..l.IndexOf(" in ", StringComparison.Ordinal)] : l));
    }

    private static async Task<(string Scores, long Processed, long BadFrames)> RunStdin(RecordingDialect dialect)
    {
        var stdin = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Recording(dialect, "label")));
        await using var source = new StreamSampleSource("stdin", () => stdin, replay: false, new SourceOptions());
        await source.StartAsync(CancellationToken.None);
        var written = new MemoryStream();
        var parts = new PipelineParts(source, RnnModel.Load(DemoCommand.ModelPath), scores: new ScoresWriter(written, ScoresOverflow.Wait));
        try
        {
            Assert.True(await parts.Pipeline.RunAsync(0, Eventually.Limit()));
        }
        finally
        {
            parts.Dispose();
        }

        return (System.Text.Encoding.UTF8.GetString(written.ToArray()), parts.Pipeline.Processed, source.Statistics.Frames.BadFrames);
    }
}
