using System.CommandLine;
using System.Globalization;
using EdgeRnn.Training.Evaluation.Data;
using EdgeRnn.Training.Evaluation.Detector;
using EdgeRnn.Training.Evaluation.Report;
using EdgeRnn.Training.Evaluation.Skab;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// <c>edgernn bench-skab</c>: SKAB's protocol with EdgeRnn's streaming detector (<see cref="SkabBenchmark"/>): per file
/// train on the first 400 rows and score the rest; prints the outlier task's F1, FAR and MAR (summed over files) and the
/// changepoint task's NAB-style scores at the threshold fixed in advance, and the best-F1 oracle clearly labelled; writes
/// the scores per file and a self-contained HTML report.
/// </summary>
internal static class BenchSkabCommand
{
    internal static Command Create()
    {
        var skab = new Option<DirectoryInfo>("--skab") { Description = "SKAB folder: every sub-folder of SKAB-shaped files (a datetime column; ';'-separated as SKAB's, or any other delimiter) (valve1/, valve2/, other/, ...; not anomaly-free/), directly or under data/", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: scores/<folder>/<file>.csv and report.html", Required = true };
        var int8 = new Option<bool>("--int8") { Description = "Run the trained models with int8 weights" };
        var keep = new Option<DirectoryInfo?>("--keep-models") { Description = "Keep each file's model as <dir>/<group>/<file>.ernn (what edgernn-device run --model takes)" };
        var threads = new Option<int>("--threads") { Description = "Files scored in parallel (results do not depend on it)", DefaultValueFactory = _ => 2 };

        var command = new Command("bench-skab", "Run the SKAB protocol with EdgeRnn's streaming detector: outlier and changepoint tasks")
        {
            skab, output, int8, threads, keep,
        };
        command.SetAction(parseResult =>
        {
            var writer = parseResult.InvocationConfiguration.Output;
            try
            {
                var outRoot = parseResult.GetRequiredValue(output).FullName;
                var configuration = SkabBenchmark.Configuration(parseResult.GetValue(int8));
                var result = SkabBenchmark.Run(parseResult.GetRequiredValue(skab).FullName, configuration, parseResult.GetValue(threads), parseResult.GetValue(keep)?.FullName);
                WriteScores(outRoot, result);
                var lines = Describe(result, configuration);
                foreach (var line in lines)
                {
                    writer.WriteLine(line);
                }

                var reportPath = Path.Combine(outRoot, "report.html");
                HtmlReportWriter.Write(reportPath, "edgernn bench-skab", lines, SkabBenchmark.Panels(result));
                writer.WriteLine($"report: {reportPath}");
                return 0;
            }
            catch (Exception e) when (e is DataFileException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"edgernn bench-skab: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The figures of a run as lines of text.</summary>
    internal static IReadOnlyList<string> Describe(SkabBenchmarkResult result, DetectorConfiguration configuration)
    {
        var lines = new List<string> { Text($"SKAB: {result.Files.Count} files, first {SkabFile.TrainRows} rows of each for training") };
        lines.Add(Text($"groups: {string.Join(", ", result.Groups.Select(g => Text($"{g.Name} ({g.FileCount})")))}"));
        if (result.NotSkabShaped.Count > 0)
        {
            lines.Add(Text($"not read, not SKAB-shaped (a datetime column): {string.Join(", ", result.NotSkabShaped)}"));
        }

        var quirky = Enumerable.Range(0, result.Files.Count).Where(i => result.Files[i].Clock.HasQuirks).ToList();
        lines.Add(quirky.Count == 0
            ? "clock: every file regular (rows are scored in arrival order)"
            : Text($"clock: {quirky.Count} of {result.Files.Count} files with steps back, repeated timestamps or gaps, scored in arrival order: {string.Join("; ", quirky.Select(i => Text($"{result.Names[i]}: {result.Files[i].Clock.Describe()}")))}"));
        lines.AddRange(configuration.Describe());
        lines.Add(Text($"threshold fixed in advance: score >= {result.Threshold:G6} ({SkabBenchmark.AlarmRule})"));
        lines.Add(Text($"change points: level shifts of the error ({SkabBenchmark.ChangepointRule})"));
        if (result.LeftOut.Folds.Count > 0)
        {
            var c = result.LeftOut.Pooled;
            var folds = string.Join(", ", result.LeftOut.Folds.Select(f => Text($"{f.Group} F1 {f.LeftOut.F1:F3} FAR {100 * f.LeftOut.FalseAlarmRate:F1}% (ratio {f.Ratio:G3})")));
            lines.Add(Text($"left out (each group at the ratio chosen on the others, best F1 with FAR <= {100 * SkabCrossValidation.FalseAlarmBudget:G3}%): outlier F1 {c.F1:F4}  FAR {100 * c.FalseAlarmRate:F2}%  MAR {100 * c.MissedAlarmRate:F2}%  [{folds}]"));
        }

        if (result.AnomalyFree is { } free)
        {
            lines.Add(Text($"anomaly-free (normal operation, no setting chosen on it): {free.Pieces} pieces of {free.PieceRows} rows (the median file), each trained on its first {SkabFile.TrainRows}: FAR {100 * free.FalseAlarmRate:F2}% ({free.FalseAlarms} of {free.Rows} rows; {free.PiecesAlarmed} of {free.Pieces} pieces raise an alarm)"));
        }

        Add(lines, "fixed threshold", result.Result);
        foreach (var group in result.Groups)
        {
            var c = group.Result.Outlier;
            var standard = group.Result.Changepoint[0];
            lines.Add(Text($"group {group.Name} ({group.FileCount} files): outlier F1 {c.F1:F4}  FAR {100 * c.FalseAlarmRate:F2}%  MAR {100 * c.MissedAlarmRate:F2}%  changepoint {standard.Profile.Name} {standard.Normalized:F2}"));
        }

        AddChangepoints(lines, "for comparison, change points where the alarm rises or falls", result.AlarmChangepoints);
        AddChangepoints(lines, Text($"for scale, a change point every {SkabBenchmark.PeriodicRows} rows whatever the data"), result.PeriodicChangepoints);
        lines.Add(Text($"ORACLE (threshold chosen on the test labels for best F1, not a valid result): {result.OracleThreshold:G6}"));
        Add(lines, "oracle", result.OracleResult);
        lines.Add(Text($"run time: {result.TotalSeconds:F1} s ({result.DetectSeconds:F1} s detection and training)"));
        return lines;
    }

    private static void Add(List<string> lines, string label, SkabResult result)
    {
        var c = result.Outlier;
        lines.Add(Text($"{label}: outlier F1 {c.F1:F4}  FAR {100 * c.FalseAlarmRate:F2}%  MAR {100 * c.MissedAlarmRate:F2}%  (TP {c.TruePositives} FP {c.FalsePositives} TN {c.TrueNegatives} FN {c.FalseNegatives})"));
        AddChangepoints(lines, label, result.Changepoint);
    }

    private static void AddChangepoints(List<string> lines, string label, IReadOnlyList<SkabNabScore> scores)
    {
        foreach (var cp in scores)
        {
            lines.Add(Text($"{label}: changepoint {cp.Profile.Name,-20} {cp.Normalized,7:F2}  (windows detected {cp.DetectedWindows}/{cp.Windows}, false positives {cp.FalsePositives})"));
        }
    }

    private static void WriteScores(string outRoot, SkabBenchmarkResult result)
    {
        for (int i = 0; i < result.Files.Count; i++)
        {
            var path = Path.Combine(outRoot, "scores", result.Names[i]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var writer = new StreamWriter(path);
            writer.Write("datetime;anomaly_score\n");
            var file = result.Files[i];
            for (int r = 0; r < file.RowCount; r++)
            {
                writer.Write(TimestampText.Format(file.Timestamps[r]));
                writer.Write(';');
                writer.Write(result.Scores[i][r].ToString("R", CultureInfo.InvariantCulture));
                writer.Write('\n');
            }
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
