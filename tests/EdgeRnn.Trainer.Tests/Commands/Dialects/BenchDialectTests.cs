using EdgeRnn.Trainer.Tests.Data;

namespace EdgeRnn.Trainer.Tests.Commands.Dialects;

/// <summary>
/// <c>edgernn bench-nab</c> and <c>bench-skab</c> read a small folder of files written in every dialect of the recording
/// contract as they read the plain one: the same figures printed and the same score files written, byte for byte.
/// </summary>
public sealed class BenchDialectTests
{
    private const string Profiles = """
        {"standard": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11, "tnWeight": 1.0}},
         "reward_low_FP_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22, "tnWeight": 1.0}},
         "reward_low_FN_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11, "tnWeight": 1.0}}}
        """;

    private static readonly Lazy<(string Text, Dictionary<string, string> Files)> PlainNab = new(() => BenchNab(RecordingDialect.Comma));
    private static readonly Lazy<(string Text, Dictionary<string, string> Files)> PlainSkab = new(() => BenchSkab(RecordingDialect.Named("semicolon"), "anomaly"));

    public static TheoryData<string> Dialects => [.. RecordingDialect.All.Where(d => d.Header && d != RecordingDialect.Comma).Select(d => d.Name)];

    public static TheoryData<string, string> SkabDialects => new()
    {
        { "comma", "label" },
        { "tab", "anomaly" },
        { "quoted", "is_anomaly" },
        { "quoted-semicolon", "class" },
        { "spreadsheet", "anomaly" },
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public void BenchNab_FolderInADialect_SameFiguresAndScoresAsThePlainFolder(string dialect)
    {
        var (text, files) = BenchNab(RecordingDialect.Named(dialect));

        Assert.Contains("NAB: 2 files, 1 windows", text, StringComparison.Ordinal);
        Assert.Equal(PlainNab.Value.Text, text);
        Assert.Equal(PlainNab.Value.Files, files);
    }

    [Theory]
    [MemberData(nameof(SkabDialects))]
    public void BenchSkab_FolderInADialect_SameFiguresAndScoresAsSkabsOwn(string dialect, string labelName)
    {
        var (text, files) = BenchSkab(RecordingDialect.Named(dialect), labelName);

        Assert.Contains("SKAB: 2 files", text, StringComparison.Ordinal);
        Assert.Equal(PlainSkab.Value.Text, text);
        Assert.Equal(PlainSkab.Value.Files, files);
    }

    /// <summary>A tiny NAB folder: a 5-minute sine with a level jump and its window, and a calm file.</summary>
    private static (string Text, Dictionary<string, string> Files) BenchNab(RecordingDialect dialect)
    {
        using var nab = new TempFolder();
        using var output = new TempFolder();
        var start = new DateTime(2014, 2, 14, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (key, rows, jump) in new[] { ("artificialWithAnomaly/jump.csv", 600, 450), ("artificialNoAnomaly/calm.csv", 500, -1) })
        {
            var random = new Random(11);
            var lines = Enumerable.Range(0, rows).Select(r => (IReadOnlyList<object>)
                [start.AddMinutes(5 * r), 10 + Math.Sin(2 * Math.PI * r / 48) + (0.05 * random.NextDouble()) + (jump >= 0 && r >= jump ? 6 : 0), dialect.Note]);
            nab.Write(Path.Combine("data", key), dialect.Write(["timestamp", "value", "note"], lines));
        }

        nab.Write("labels/combined_windows.json", """{"artificialNoAnomaly/calm.csv": [], "artificialWithAnomaly/jump.csv": [["2014-02-15 13:30:00.000000", "2014-02-15 16:50:00.000000"]]}""");
        nab.Write("config/profiles.json", Profiles);

        var result = Cli.Run("bench-nab", "--nab", nab.Path, "--out", output.Path, "--threads", "1");

        Assert.True(result.ExitCode == 0, $"{dialect}: {result.Error}");
        return (Figures(result.Output.Replace(nab.Path, "<folder>", StringComparison.Ordinal)), Files(output.Path));
    }

    /// <summary>A tiny SKAB folder: two files of datetime, 2 sensors, the point labels and the change points.</summary>
    private static (string Text, Dictionary<string, string> Files) BenchSkab(RecordingDialect dialect, string labelName)
    {
        using var skab = new TempFolder();
        using var output = new TempFolder();
        var start = new DateTime(2020, 3, 9, 10, 0, 0, DateTimeKind.Utc);
        foreach (int seed in new[] { 1, 2 })
        {
            var random = new Random(seed);
            var lines = Enumerable.Range(0, 700).Select(r =>
            {
                bool anomalous = r is >= 500 and < 600;
                double pressure = Math.Sin(2 * Math.PI * r / 30) + (0.05 * random.NextDouble()) + (anomalous ? 0.8 * Math.Sin(r) : 0);
                double temperature = 20 + Math.Cos(2 * Math.PI * r / 30) + (0.05 * random.NextDouble());
                return (IReadOnlyList<object>)[start.AddSeconds(r), pressure, temperature, anomalous ? 1 : 0, r is 500 or 600 ? 1 : 0];
            });
            skab.Write(Path.Combine("data", "valve1", $"{seed - 1}.csv"), dialect.Write(["datetime", "Pressure", "Temperature", labelName, "changepoint"], lines));
        }

        var result = Cli.Run("bench-skab", "--skab", skab.Path, "--out", output.Path, "--threads", "1");

        Assert.True(result.ExitCode == 0, $"{dialect}: {result.Error}");
        return (Figures(result.Output.Replace(skab.Path, "<folder>", StringComparison.Ordinal)), Files(output.Path));
    }

    /// <summary>The output without the lines that name a path or a run time.</summary>
    private static string Figures(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.StartsWith("run time", StringComparison.Ordinal) && !l.StartsWith("report:", StringComparison.Ordinal) && !l.StartsWith("results:", StringComparison.Ordinal)));

    private static Dictionary<string, string> Files(string root) =>
        Directory.EnumerateFiles(root, "*.csv", SearchOption.AllDirectories).ToDictionary(p => Path.GetRelativePath(root, p), File.ReadAllText);
}
