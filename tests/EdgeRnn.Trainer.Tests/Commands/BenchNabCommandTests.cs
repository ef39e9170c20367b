using System.CommandLine;
using System.Globalization;
using System.Text;
using EdgeRnn.Trainer.Commands;
using EdgeRnn.Trainer.Tests.Data;

namespace EdgeRnn.Trainer.Tests.Commands;

public sealed class BenchNabCommandTests
{
    private const string Profiles = """
        {"standard": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11, "tnWeight": 1.0}},
         "reward_low_FP_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22, "tnWeight": 1.0}},
         "reward_low_FN_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11, "tnWeight": 1.0}}}
        """;

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { BenchNabCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        int code = root.Parse(["bench-nab", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A NAB file: a 5-minute sine with a level jump at <paramref name="jump"/> (or none); returns the window's bounds.</summary>
    private static (string Start, string End) WriteFile(TempFolder folder, string key, int rows, int jump)
    {
        var start = new DateTime(2014, 2, 14, 0, 0, 0, DateTimeKind.Unspecified);
        var text = new StringBuilder("timestamp,value\n");
        var random = new Random(11);
        for (int r = 0; r < rows; r++)
        {
            double v = 10 + Math.Sin(2 * Math.PI * r / 48) + (0.05 * random.NextDouble()) + (jump >= 0 && r >= jump ? 6 : 0);
            text.Append(CultureInfo.InvariantCulture, $"{start.AddMinutes(5 * r):yyyy-MM-dd HH:mm:ss},{v:R}\n");
        }

        folder.Write(Path.Combine("data", key), text.ToString());
        string Stamp(int row) => start.AddMinutes(5 * row).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        return jump < 0 ? (string.Empty, string.Empty) : (Stamp(jump), Stamp(jump + 40));
    }

    private static TempFolder TinyCorpus()
    {
        var folder = new TempFolder();
        var (start, end) = WriteFile(folder, "artificialWithAnomaly/jump.csv", 600, 450);
        WriteFile(folder, "artificialNoAnomaly/calm.csv", 500, -1);
        folder.Write(
            "labels/combined_windows.json",
            $$"""{"artificialNoAnomaly/calm.csv": [], "artificialWithAnomaly/jump.csv": [["{{start}}", "{{end}}"]]}""");
        folder.Write("config/profiles.json", Profiles);
        return folder;
    }

    [Fact]
    public void BenchNab_TinyCorpus_WritesResultsLayoutReportAndScores()
    {
        using var nab = TinyCorpus();
        using var output = new TempFolder();

        var (code, text, error) = Run("--nab", nab.Path, "--out", output.Path, "--detector-name", "tiny");

        Assert.True(code == 0, error);
        var results = Path.Combine(output.Path, "tiny", "artificialWithAnomaly", "tiny_jump.csv");
        var lines = File.ReadAllLines(results);
        Assert.Equal("timestamp,value,anomaly_score", lines[0]);
        Assert.Equal(601, lines.Length);
        Assert.True(File.Exists(Path.Combine(output.Path, "tiny", "artificialNoAnomaly", "tiny_calm.csv")));
        Assert.True(File.Exists(Path.Combine(output.Path, "report.html")));
        Assert.Contains("NAB: 2 files, 1 windows", text, StringComparison.Ordinal);
        // The jump leaves the range seen so far: detected at the window's start, the best a detector can do.
        Assert.True(text.Contains("standard             normalised  100.00", StringComparison.Ordinal), text);
        Assert.Contains("reward_low_FN_rate", text, StringComparison.Ordinal);
        Assert.Contains("artificialWithAnomaly/jump.csv", text, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchNab_RunTwiceWithDifferentThreads_WritesIdenticalScores()
    {
        using var nab = TinyCorpus();
        using var first = new TempFolder();
        using var second = new TempFolder();

        Assert.Equal(0, Run("--nab", nab.Path, "--out", first.Path, "--threads", "1").ExitCode);
        Assert.Equal(0, Run("--nab", nab.Path, "--out", second.Path, "--threads", "2").ExitCode);

        var file = Path.Combine("edgernn", "artificialWithAnomaly", "edgernn_jump.csv");
        Assert.Equal(File.ReadAllText(Path.Combine(first.Path, file)), File.ReadAllText(Path.Combine(second.Path, file)));
    }

    [Fact]
    public void BenchNab_Int8_WritesScoresInRange()
    {
        using var nab = TinyCorpus();
        using var output = new TempFolder();

        var (code, text, error) = Run("--nab", nab.Path, "--out", output.Path, "--int8");

        Assert.True(code == 0, error);
        Assert.Contains("int8 weights", text, StringComparison.Ordinal);
        var rows = File.ReadAllLines(Path.Combine(output.Path, "edgernn", "artificialWithAnomaly", "edgernn_jump.csv")).Skip(1);
        Assert.All(rows, row => Assert.InRange(double.Parse(row.Split(',')[2], CultureInfo.InvariantCulture), 0.0, 1.0));
    }

    /// <summary>
    /// A NAB file of 5-minute rows whose clock steps back one hour at row 300 (rows 02:00..02:55 come again after
    /// 02:55, as after a clock correction), repeats two timestamps and jumps forward two days at row 500.
    /// </summary>
    private static void WriteQuirkyFile(TempFolder folder, string key, int rows)
    {
        var stamps = new List<DateTime>();
        var t = new DateTime(2015, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);
        for (int r = 0; r < rows; r++)
        {
            stamps.Add(t);
            t = r switch
            {
                299 => t.AddMinutes(-55),
                100 or 200 => t,
                499 => t.AddDays(2),
                _ => t.AddMinutes(5),
            };
        }

        var text = new StringBuilder("timestamp,value\n");
        for (int r = 0; r < rows; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{stamps[r]:yyyy-MM-dd HH:mm:ss},{10 + Math.Sin(2 * Math.PI * r / 48):R}\n");
        }

        folder.Write(Path.Combine("data", key), text.ToString());
    }

    [Fact]
    public void BenchNab_ClockStepsBackRepeatsAndJumpsInANewCategory_ScoredInArrivalOrderAndReported()
    {
        using var nab = new TempFolder();
        using var output = new TempFolder();
        WriteQuirkyFile(nab, "realKnownCause/clock_fix.csv", 600);
        var (start, end) = WriteFile(nab, "artificialWithAnomaly/jump.csv", 600, 450);
        WriteFile(nab, "realUnknown/unlabelled.csv", 200, -1);
        nab.Write(
            "labels/combined_windows.json",
            $$"""{"realKnownCause/clock_fix.csv": [["2015-03-02 04:00:00.000000", "2015-03-02 04:30:00.000000"]], "artificialWithAnomaly/jump.csv": [["{{start}}", "{{end}}"]]}""");

        var (code, text, error) = Run("--nab", nab.Path, "--out", output.Path, "--detector-name", "q");

        Assert.True(code == 0, error);
        var results = File.ReadAllLines(Path.Combine(output.Path, "q", "realKnownCause", "q_clock_fix.csv"));
        Assert.Equal(601, results.Length);
        Assert.StartsWith("2015-03-02 00:45:00,", results[300], StringComparison.Ordinal);
        Assert.StartsWith("2015-03-01 23:50:00,", results[301], StringComparison.Ordinal);
        Assert.Contains("NAB: 2 files, 2 windows", text, StringComparison.Ordinal);
        Assert.Contains("categories: artificialWithAnomaly (1), realKnownCause (1)", text, StringComparison.Ordinal);
        Assert.Contains("clock: 1 of 2 files with steps back, repeated timestamps or gaps", text, StringComparison.Ordinal);
        Assert.Contains("realKnownCause/clock_fix.csv: clock stepped back 1 time (by 55 min), 2 repeated timestamps, 1 gap (longest 2 d; typical period 5 min)", text, StringComparison.Ordinal);
        Assert.Contains("not scored, no key in labels/combined_windows.json: realUnknown/unlabelled.csv", text, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchNab_FolderWithoutWindows_FailsWithAClearMessage()
    {
        using var nab = new TempFolder();
        using var output = new TempFolder();

        var (code, _, error) = Run("--nab", nab.Path, "--out", output.Path);

        Assert.Equal(1, code);
        Assert.Contains("combined_windows.json", error, StringComparison.Ordinal);
    }
}
