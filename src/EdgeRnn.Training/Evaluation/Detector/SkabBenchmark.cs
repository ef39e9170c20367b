using System.Diagnostics;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Evaluation.Data;
using EdgeRnn.Training.Evaluation.Report;
using EdgeRnn.Training.Evaluation.Skab;

namespace EdgeRnn.Training.Evaluation.Detector;

/// <summary>
/// SKAB's protocol with <see cref="StreamingDetector"/>: per file of every group (<see cref="SkabGroups"/>: valve1, valve2,
/// other, ...) the first 400 rows train the model and the Gaussian of the likelihood, the rest are scored; alarms are rows whose score reaches a threshold fixed in
/// advance (<see cref="FixedThreshold"/>); change points are level shifts of the prediction error
/// (<see cref="ChangePointParameters"/>, <see cref="ChangepointRule"/>). The outlier and changepoint tasks are scored by SKAB's
/// rules. Also reported, for comparison only: the changepoint score of the alarm's rises and falls (SKAB's convention for
/// outlier detectors), that of a data-blind change point every <see cref="PeriodicRows"/> rows (which shows how lenient
/// the changepoint score is), and the best-F1 threshold on the test labels (an oracle).
/// </summary>
internal static class SkabBenchmark
{
    /// <summary>
    /// An alarm is due when the recent error reaches this many times the largest recent error of the reference rows
    /// (the control limit of <see cref="LikelihoodBaseline.TrainingMaximum"/>).
    /// </summary>
    public const double AlarmRatio = 2.0;

    /// <summary>Rows in the recent window of the change-point detector.</summary>
    public const int ChangepointRecentRows = 10;

    /// <summary>Rows in the reference window before them (and the quiet period after a change point).</summary>
    public const int ChangepointReferenceRows = 60;

    /// <summary>The factor between the two windows' mean errors that makes a change point.</summary>
    public const double ChangepointRatio = 1.5;

    /// <summary>The period of the data-blind change points reported for scale.</summary>
    public const int PeriodicRows = 60;

    /// <summary>The change-point rule, for reports.</summary>
    public static string ChangepointRule => FormattableString.Invariant($"mean error of the last {ChangepointRecentRows} rows >= {ChangepointRatio:G3} x or <= 1/{ChangepointRatio:G3} x the mean of the {ChangepointReferenceRows} rows before, then quiet for {ChangepointReferenceRows} rows");

    /// <summary>The alarm rule, for reports.</summary>
    public static string AlarmRule => FormattableString.Invariant($"recent error >= {AlarmRatio:G3} x the largest recent error of rows {Configuration(false).Likelihood.SkipRows}-{SkabFile.TrainRows}");

    /// <summary>
    /// The configuration for SKAB (its labels mark whole anomalous stretches): the NAB model and training on the first 300
    /// rows; the root-mean-square channel error, averaged over 50 rows, against a control limit set by rows 300–400 (errors
    /// out of the model's sample); no suppression, no spatial check.
    /// </summary>
    public static DetectorConfiguration Configuration(bool int8) => DetectorConfiguration.Default with
    {
        Int8 = int8,
        ModelTrainFraction = 0.75,
        LikelihoodPeriod = TimeSpan.FromSeconds(1),
        LikelihoodTrainingRows = 400,
        TimeOfDay = false,
        Likelihood = LikelihoodParameters.Default with
        {
            ChannelError = ChannelErrorKind.RootMeanSquare,
            Baseline = LikelihoodBaseline.TrainingMaximum,
            ShortWindow = 50,
            SkipRows = 300,
            FreezeAfterRows = SkabFile.TrainRows,
            SuppressionRows = 0,
            SpatialTolerance = 0,
            ValueWindow = 0,
        },
        ChangePoints = new ChangePointParameters { RecentRows = ChangepointRecentRows, ReferenceRows = ChangepointReferenceRows, Ratio = ChangepointRatio },
    };

    /// <summary>The score threshold of <see cref="AlarmRatio"/>.</summary>
    public static double FixedThreshold(DetectorConfiguration configuration) =>
        configuration?.Likelihood.Baseline == LikelihoodBaseline.TrainingMaximum ? LikelihoodParameters.ScoreOfRatio(AlarmRatio) : throw new ArgumentException("Expected the control-limit baseline of SKAB's configuration.", nameof(configuration));

    public static SkabBenchmarkResult Run(string root, DetectorConfiguration configuration, int threads, string? keepModels = null)
    {
        var clock = Stopwatch.StartNew();
        var (found, notSkabShaped) = SkabGroups.Find(root);
        var paths = found.SelectMany(g => g.Files).ToList();
        var groupOf = found.SelectMany(g => Enumerable.Repeat(g.Name, g.Files.Count)).ToArray();
        var files = new SkabFile[paths.Count];
        var scores = new double[paths.Count][];
        var changepoints = new bool[paths.Count][];
        var alarms = new bool[paths.Count][];
        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            var file = SkabFile.Read(paths[i]);
            if (file.Anomaly is null || file.Changepoint is null || file.RowCount <= SkabFile.TrainRows)
            {
                throw new DataFileException(paths[i], 1, $"expected more than {SkabFile.TrainRows} rows with anomaly and changepoint columns, found {file.RowCount} rows{(file.Anomaly is null ? " and no labels" : string.Empty)}");
            }

            files[i] = file;
            var output = StreamingDetector.Run(file.Features, file.Channels.Count, SkabFile.TrainRows, configuration, file.Timestamps, FixedThreshold(configuration), file.Channels);
            scores[i] = output.Scores;
            alarms[i] = output.Alarms;
            changepoints[i] = output.ChangePoints;
            if (keepModels is not null)
            {
                KeptModels.Write(keepModels, groupOf[i] + "/" + Path.GetFileName(paths[i]), output.ModelFile);
            }
        });
        double detectSeconds = clock.Elapsed.TotalSeconds;

        double threshold = FixedThreshold(configuration);
        var names = paths.Select(p => Path.GetRelativePath(root, p)).ToArray();
        // At the model's threshold the alarms are the pipeline's own decisions, as on the board.
        var fixedResult = Evaluate(files, alarms, names, changepoints);
        var alarmChangepoints = Evaluate(files, scores, names, threshold, null);
        var periodic = files.Select(f => Enumerable.Range(0, f.RowCount).Select(r => (r - SkabFile.TrainRows) % PeriodicRows == 0).ToArray()).ToArray();
        var periodicResult = Evaluate(files, scores, names, threshold, periodic);
        var tests = files.Select((f, i) => (Test(scores[i]).Select(s => (float)s).ToArray(), f.Anomaly![SkabFile.TrainRows..])).ToList();
        var (oracleThreshold, _) = PointwiseThreshold.BestF1(tests);
        var oracleResult = Evaluate(files, scores, names, oracleThreshold, null);
        var groups = new List<SkabGroupResult>(found.Count);
        int first = 0;
        foreach (var group in found)
        {
            var range = new Range(first, first + group.Files.Count);
            groups.Add(new SkabGroupResult(group.Name, group.Files.Count, Evaluate(files[range], alarms[range], names[range], changepoints[range])));
            first += group.Files.Count;
        }

        var anomalyFree = SkabAnomalyFree.Find(root) is { } freePath
            ? SkabAnomalyFree.Score(freePath, files.Select(f => f.RowCount).Order().ElementAt(files.Length / 2), configuration, threshold, threads)
            : null;
        var leftOut = SkabCrossValidation.Run(groupOf, [.. scores.Select(Test)], [.. files.Select(f => f.Anomaly![SkabFile.TrainRows..])], LikelihoodParameters.ScoreOfRatio);
        return new SkabBenchmarkResult(names, files, scores, changepoints, threshold, fixedResult, leftOut, alarmChangepoints.Changepoint, periodicResult.Changepoint, oracleThreshold, oracleResult, detectSeconds, clock.Elapsed.TotalSeconds)
        {
            Groups = groups,
            NotSkabShaped = notSkabShaped,
            AnomalyFree = anomalyFree,
        };
    }

    /// <summary>Report panels: the first channel, the score, the fixed threshold, the anomalous stretches, the training rows, the change points.</summary>
    public static IReadOnlyList<ReportPanel> Panels(SkabBenchmarkResult result)
    {
        var panels = new List<ReportPanel>();
        for (int i = 0; i < result.Files.Count; i++)
        {
            var file = result.Files[i];
            var signal = new double[file.RowCount];
            for (int r = 0; r < file.RowCount; r++)
            {
                signal[r] = file.Row(r)[0];
            }

            var windows = new List<(int Start, int End)>();
            for (int r = 0; r < file.RowCount; r++)
            {
                if (file.Anomaly![r] && (r == 0 || !file.Anomaly[r - 1]))
                {
                    int end = r;
                    while (end + 1 < file.RowCount && file.Anomaly[end + 1])
                    {
                        end++;
                    }

                    windows.Add((r, end));
                }
            }

            var changepoints = Enumerable.Range(SkabFile.TrainRows, file.RowCount - SkabFile.TrainRows).Where(r => result.Changepoints[i][r]).ToArray();
            panels.Add(new ReportPanel(result.Names[i], signal, result.Scores[i], result.Threshold, windows, SkabFile.TrainRows, $"channel shown: {file.Channels[0]}; purple: change points", changepoints));
        }

        return panels;
    }

    private static SkabResult Evaluate(SkabFile[] files, double[][] scores, string[] names, double threshold, bool[][]? changepoints) =>
        Evaluate(files, [.. scores.Select(s => s.Select(v => v >= threshold).ToArray())], names, changepoints);

    private static SkabResult Evaluate(SkabFile[] files, bool[][] alarms, string[] names, bool[][]? changepoints)
    {
        var outcomes = files.Select((f, i) => new SkabFileOutcome(
            names[i],
            f.Timestamps[SkabFile.TrainRows..],
            alarms[i][SkabFile.TrainRows..],
            f.Anomaly![SkabFile.TrainRows..],
            f.Changepoint![SkabFile.TrainRows..],
            changepoints?[i][SkabFile.TrainRows..])).ToList();
        return SkabEvaluation.Score(outcomes);
    }

    private static double[] Test(double[] scores) => scores[SkabFile.TrainRows..];

}

/// <summary>
/// What a SKAB run produced: per file its name, data, scores and change points; the fixed-threshold result (with the
/// detector's change points), the outlier task left out (each group at the ratio chosen on the others), the changepoint scores of the alarm's rises and falls and of periodic change points, the
/// oracle's result; run time in seconds.
/// </summary>
internal sealed record SkabBenchmarkResult(
    IReadOnlyList<string> Names,
    IReadOnlyList<SkabFile> Files,
    IReadOnlyList<double[]> Scores,
    IReadOnlyList<bool[]> Changepoints,
    double Threshold,
    SkabResult Result,
    SkabCrossValidationResult LeftOut,
    IReadOnlyList<SkabNabScore> AlarmChangepoints,
    IReadOnlyList<SkabNabScore> PeriodicChangepoints,
    double OracleThreshold,
    SkabResult OracleResult,
    double DetectSeconds,
    double TotalSeconds)
{
    /// <summary>The fixed-threshold result of each group (valve1, valve2, other, ...), in the order of the files.</summary>
    public IReadOnlyList<SkabGroupResult> Groups { get; init; } = [];

    /// <summary>The false alarms on the anomaly-free recording's pieces, or null when the folder has none.</summary>
    public SkabAnomalyFreeResult? AnomalyFree { get; init; }

    /// <summary>.csv files in a group's folder that are not SKAB-shaped, relative to the root: not read.</summary>
    public IReadOnlyList<string> NotSkabShaped { get; init; } = [];
}

/// <summary>One group's fixed-threshold result over its files.</summary>
internal sealed record SkabGroupResult(string Name, int FileCount, SkabResult Result);
