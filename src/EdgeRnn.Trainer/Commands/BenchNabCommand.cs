using System.CommandLine;
using System.Globalization;
using EdgeRnn.Training.Evaluation.Data;
using EdgeRnn.Training.Evaluation.Detector;
using EdgeRnn.Training.Evaluation.Nab;
using EdgeRnn.Training.Evaluation.Report;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// <c>edgernn bench-nab</c>: NAB's protocol end to end with EdgeRnn's streaming detector (<see cref="NabBenchmark"/>):
/// scores every row of every file, writes NAB's results layout, scores the corpus per profile with a swept θ, prints the
/// normalised scores, thresholds, per-file results and run time, and writes a self-contained HTML report.
/// </summary>
internal static class BenchNabCommand
{
    internal static Command Create()
    {
        var nab = new Option<DirectoryInfo>("--nab") { Description = "NAB-shaped folder: data/<category>/*.csv, labels/combined_windows.json", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: <out>/<detector>/<category>/<detector>_<file>.csv and report.html", Required = true };
        var int8 = new Option<bool>("--int8") { Description = "Run the trained models with int8 weights" };
        var name = new Option<string>("--detector-name") { Description = "Detector name in the results layout", DefaultValueFactory = _ => "edgernn" };
        var keep = new Option<DirectoryInfo?>("--keep-models") { Description = "Keep each file's model as <dir>/<category>/<file>.ernn (what edgernn-device run --model takes)" };
        var threads = new Option<int>("--threads") { Description = "Files scored in parallel (results do not depend on it)", DefaultValueFactory = _ => 2 };

        var command = new Command("bench-nab", "Run the NAB protocol with EdgeRnn's streaming detector and score it by NAB's rules")
        {
            nab, output, int8, name, threads, keep,
        };
        command.SetAction(parseResult =>
        {
            var writer = parseResult.InvocationConfiguration.Output;
            try
            {
                var detector = parseResult.GetRequiredValue(name);
                if (string.IsNullOrWhiteSpace(detector) || detector.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                {
                    throw new ArgumentException($"expected a detector name usable as a file name, found '{detector}'");
                }

                var outRoot = parseResult.GetRequiredValue(output).FullName;
                var configuration = DetectorConfiguration.Default with { Int8 = parseResult.GetValue(int8) };
                var result = NabBenchmark.Run(parseResult.GetRequiredValue(nab).FullName, outRoot, detector, configuration, parseResult.GetValue(threads), parseResult.GetValue(keep)?.FullName);
                var lines = Describe(result, configuration, outRoot, detector);
                foreach (var line in lines)
                {
                    writer.WriteLine(line);
                }

                var reportPath = Path.Combine(outRoot, "report.html");
                HtmlReportWriter.Write(reportPath, $"edgernn bench-nab: {detector}", lines, NabBenchmark.Panels(result));
                writer.WriteLine($"report: {reportPath}");
                return 0;
            }
            catch (Exception e) when (e is DataFileException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"edgernn bench-nab: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The figures of a run as lines of text.</summary>
    internal static IReadOnlyList<string> Describe(NabBenchmarkResult result, DetectorConfiguration configuration, string outRoot, string detector)
    {
        var lines = new List<string>
        {
            Text($"NAB: {result.Files.Count} files, {result.Profiles[0].WindowCount} windows ({result.Corpus.Root})"),
            Text($"categories: {string.Join(", ", result.Corpus.Categories.Select(c => Text($"{c} ({result.Corpus.Files.Count(f => f.Category == c)})")))}"),
        };
        var quirky = result.Corpus.Files.Where(f => f.Clock.HasQuirks).ToList();
        lines.Add(quirky.Count == 0
            ? "clock: every file regular (rows are scored in arrival order)"
            : Text($"clock: {quirky.Count} of {result.Files.Count} files with steps back, repeated timestamps or gaps, scored in arrival order (listed below)"));
        if (result.Corpus.UnlabelledDataFiles.Count > 0)
        {
            lines.Add(Text($"not scored, no key in labels/combined_windows.json: {string.Join(", ", result.Corpus.UnlabelledDataFiles)}"));
        }

        lines.AddRange(configuration.Describe());
        if (result.LeftOut.Count > 0)
        {
            lines.Add("left out (each category scored at the threshold swept on the others; predicts a category never tuned on):");
            foreach (var cv in result.LeftOut)
            {
                var folds = string.Join(", ", cv.Folds.Select(f => Text($"{f.Category} {f.LeftOut.NormalizedScore:F2} (θ {f.Threshold:G4})")));
                lines.Add(Text($"  {cv.Profile.Name,-20} mean {cv.MeanLeftOut,7:F2}  pooled {cv.PooledLeftOut,7:F2}  [{folds}]"));
            }
        }

        lines.Add("in sample (one threshold swept on every file):");
        foreach (var profile in result.Profiles)
        {
            lines.Add(Text($"  {profile.Profile.Name,-20} normalised {profile.NormalizedScore,7:F2}  threshold {profile.Threshold:G6}  raw {profile.RawScore:F4}"));
        }

        lines.Add(Text($"run time: {result.TotalSeconds:F1} s ({result.DetectSeconds:F1} s detection and training)"));
        lines.Add(Text($"results: {Path.Combine(outRoot, detector)}"));
        lines.Add(string.Empty);
        lines.Add(Text($"{"file (standard profile)",-58} {"raw",8} {"windows",8} {"TP",5} {"FP",5} {"FN",6}"));
        foreach (var file in result.Profiles[0].Files)
        {
            lines.Add(Text($"{file.File,-58} {file.Score,8:F3} {file.DetectedWindows,4}/{file.ScorableWindows,-3} {file.TruePositives,5} {file.FalsePositives,5} {file.FalseNegatives,6}"));
        }

        if (quirky.Count > 0)
        {
            lines.Add(string.Empty);
            lines.AddRange(quirky.Select(f => Text($"{f.Key}: {f.Clock.Describe()}")));
        }

        return lines;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
