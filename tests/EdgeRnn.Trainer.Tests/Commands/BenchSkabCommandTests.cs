using System.CommandLine;
using System.Globalization;
using System.Text;
using EdgeRnn.Trainer.Commands;
using EdgeRnn.Trainer.Tests.Data;

namespace EdgeRnn.Trainer.Tests.Commands;

public sealed class BenchSkabCommandTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { BenchSkabCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        int code = root.Parse(["bench-skab", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A SKAB-shaped file (';', datetime, 2 sensors, anomaly, changepoint) with a disturbed stretch from row 500.</summary>
    private static void WriteFile(TempFolder folder, string name, int seed, string group = "valve1", Func<int, DateTime>? time = null)
    {
        var random = new Random(seed);
        var start = new DateTime(2020, 3, 9, 10, 0, 0, DateTimeKind.Unspecified);
        time ??= r => start.AddSeconds(r);
        var text = new StringBuilder("datetime;Pressure;Temperature;anomaly;changepoint\n");
        for (int r = 0; r < 700; r++)
        {
            bool anomalous = r is >= 500 and < 600;
            double pressure = Math.Sin(2 * Math.PI * r / 30) + (0.05 * random.NextDouble()) + (anomalous ? 0.8 * Math.Sin(r) : 0);
            double temperature = 20 + Math.Cos(2 * Math.PI * r / 30) + (0.05 * random.NextDouble());
            text.Append(CultureInfo.InvariantCulture, $"{time(r):yyyy-MM-dd HH:mm:ss};{pressure:R};{temperature:R};{(anomalous ? 1 : 0)};{(r is 500 or 600 ? 1 : 0)}\n");
        }

        folder.Write(Path.Combine("data", group, name), text.ToString());
    }

    [Fact]
    public void BenchSkab_TinyFolder_PrintsBothTasksAndWritesReport()
    {
        using var skab = new TempFolder();
        using var output = new TempFolder();
        WriteFile(skab, "0.csv", 1);
        WriteFile(skab, "1.csv", 2);

        var (code, text, error) = Run("--skab", skab.Path, "--out", output.Path);

        Assert.True(code == 0, error);
        Assert.Contains("SKAB: 2 files", text, StringComparison.Ordinal);
        Assert.Contains("fixed threshold: outlier F1", text, StringComparison.Ordinal);
        Assert.Contains("fixed threshold: changepoint standard", text, StringComparison.Ordinal);
        Assert.Contains("change points: level shifts of the error", text, StringComparison.Ordinal);
        Assert.Contains("for comparison, change points where the alarm rises or falls: changepoint standard", text, StringComparison.Ordinal);
        Assert.Contains("for scale, a change point every 60 rows whatever the data: changepoint standard", text, StringComparison.Ordinal);
        Assert.Contains("ORACLE", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output.Path, "report.html")));
        Assert.Equal(701, File.ReadAllLines(Path.Combine(output.Path, "scores", "data", "valve1", "0.csv")).Length);
    }

    [Fact]
    public void BenchSkab_AnomalyFreeRecording_ScoredInPiecesAsLongAsAFileAndItsFalseAlarmsCounted()
    {
        using var skab = new TempFolder();
        using var output = new TempFolder();
        WriteFile(skab, "0.csv", 1);
        var text = new StringBuilder("datetime;Pressure;Temperature\n");
        var random = new Random(4);
        var start = new DateTime(2020, 3, 10, 10, 0, 0, DateTimeKind.Unspecified);
        for (int r = 0; r < 1500; r++)
        {
            // Normal operation, but pressure steps up in the second piece's scored rows: false alarms, by definition.
            double pressure = Math.Sin(2 * Math.PI * r / 30) + (0.05 * random.NextDouble()) + (r >= 1200 ? 3 : 0);
            text.Append(CultureInfo.InvariantCulture, $"{start.AddSeconds(r):yyyy-MM-dd HH:mm:ss};{pressure:R};{20 + Math.Cos(2 * Math.PI * r / 30):R}\n");
        }

        skab.Write(Path.Combine("data", "anomaly-free", "anomaly-free.csv"), text.ToString());

        var (code, printed, error) = Run("--skab", skab.Path, "--out", output.Path);

        Assert.True(code == 0, error);
        var line = printed.Split('\n').Single(l => l.StartsWith("anomaly-free", StringComparison.Ordinal));
        Assert.Contains("2 pieces of 700 rows (the median file), each trained on its first 400", line, StringComparison.Ordinal);
        Assert.Contains("of 600 rows; 1 of 2 pieces raise an alarm", line, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchSkab_OtherGroupWithAClockThatStepsBack_EveryGroupReadAndReported()
    {
        using var skab = new TempFolder();
        using var output = new TempFolder();
        var start = new DateTime(2020, 3, 9, 10, 0, 0, DateTimeKind.Unspecified);
        WriteFile(skab, "0.csv", 1);
        WriteFile(skab, "1.csv", 2, "valve2");
        // The clock steps back an hour at row 450, repeats row 460's timestamp and skips 10 minutes at row 650.
        WriteFile(skab, "2.csv", 3, "other", r => start.AddSeconds((r >= 650 ? r + 600 : r > 460 ? r - 1 : r) - (r >= 450 ? 3601 : 0)));
        skab.Write(Path.Combine("data", "anomaly-free", "anomaly-free.csv"), "datetime;Pressure\n2020-03-09 10:00:00;1\n");
        skab.Write(Path.Combine("data", "other", "notes.csv"), "a,b\n1,2\n");

        var (code, text, error) = Run("--skab", skab.Path, "--out", output.Path);

        Assert.True(code == 0, error);
        Assert.Contains("SKAB: 3 files", text, StringComparison.Ordinal);
        Assert.Contains("groups: other (1), valve1 (1), valve2 (1)", text, StringComparison.Ordinal);
        Assert.Contains("group other (1 files): outlier F1", text, StringComparison.Ordinal);
        Assert.Contains("group valve2 (1 files): outlier F1", text, StringComparison.Ordinal);
        Assert.Contains("data/other/2.csv: clock stepped back 1 time (by 1 h), 1 repeated timestamp, 1 gap (longest 10 min; typical period 1 s)", text.Replace('\\', '/'), StringComparison.Ordinal);
        Assert.Contains("not read, not SKAB-shaped", text, StringComparison.Ordinal);
        Assert.Equal(701, File.ReadAllLines(Path.Combine(output.Path, "scores", "data", "other", "2.csv")).Length);
    }

    [Fact]
    public void BenchSkab_FolderWithoutValves_FailsWithAClearMessage()
    {
        using var skab = new TempFolder();
        using var output = new TempFolder();

        var (code, _, error) = Run("--skab", skab.Path, "--out", output.Path);

        Assert.Equal(1, code);
        Assert.Contains("expected SKAB files", error, StringComparison.Ordinal);
    }
}
