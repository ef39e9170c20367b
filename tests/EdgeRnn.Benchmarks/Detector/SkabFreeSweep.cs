using System.Globalization;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Evaluation;
using EdgeRnn.Training.Evaluation.Detector;
using EdgeRnn.Training.Evaluation.Skab;

namespace EdgeRnn.Benchmarks.Detector;

/// <summary>
/// SKAB's research loop (not part of the product): each variant of the SKAB configuration is scored on the labelled groups
/// (pooled and leave-one-group-out) and on SKAB's anomaly-free recording cut into file-sized pieces, each trained on its
/// first 400 rows like a SKAB file: every alarm there is a false one, on normal data no setting was chosen on.
/// <c>dotnet run -c Release --project tests/EdgeRnn.Benchmarks -- skab-free --skab ../shared/data/skab [--rows 1150]</c>.
/// </summary>
internal static class SkabFreeSweep
{
    public static void Run(string root, int pieceRows, TextWriter output)
    {
        var (groups, _) = SkabGroups.Find(root);
        var labelled = groups.SelectMany(g => g.Files.Select(f => (Group: g.Name, File: SkabFile.Read(f)))).ToList();
        var free = SkabFile.Read(Directory.EnumerateFiles(root, "anomaly-free.csv", SearchOption.AllDirectories).Single());
        int pieces = free.RowCount / pieceRows;
        output.WriteLine(Text($"{labelled.Count} labelled files; anomaly-free: {free.RowCount} rows in {pieces} pieces of {pieceRows}"));
        foreach (var (name, configuration) in Variants())
        {
            var scores = new double[labelled.Count][];
            Parallel.For(0, labelled.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                var f = labelled[i].File;
                scores[i] = StreamingDetector.Run(f.Features, f.Channels.Count, SkabFile.TrainRows, configuration, f.Timestamps).Scores[SkabFile.TrainRows..];
            });
            if (Environment.GetEnvironmentVariable("SKAB_CHANNELS") == "1")
            {
                Shares(output, "anomaly-free alarms", free.Channels, Enumerable.Range(0, pieces).Select(p =>
                {
                    int c = free.Channels.Count;
                    var data = free.Features.AsSpan(p * pieceRows * c, pieceRows * c).ToArray();
                    var run = StreamingDetector.Run(data, c, SkabFile.TrainRows, configuration, free.Timestamps[(p * pieceRows)..((p + 1) * pieceRows)]);
                    return (data, run, (Func<int, bool>)(r => true));
                }), c: free.Channels.Count);
                foreach (bool anomalous in new[] { false, true })
                {
                    Shares(output, anomalous ? "labelled true alarms" : "labelled false alarms", free.Channels, labelled.Select(l =>
                    {
                        var f = l.File;
                        var run = StreamingDetector.Run(f.Features, f.Channels.Count, SkabFile.TrainRows, configuration, f.Timestamps);
                        return (f.Features, run, (Func<int, bool>)(r => f.Anomaly![r] == anomalous));
                    }), c: free.Channels.Count);
                }
            }

            var freeScores = new double[pieces][];
            Parallel.For(0, pieces, new ParallelOptions { MaxDegreeOfParallelism = 2 }, p =>
            {
                int c = free.Channels.Count;
                var data = free.Features.AsSpan(p * pieceRows * c, pieceRows * c);
                freeScores[p] = StreamingDetector.Run(data, c, SkabFile.TrainRows, configuration, free.Timestamps[(p * pieceRows)..((p + 1) * pieceRows)]).Scores[SkabFile.TrainRows..];
            });
            var labels = labelled.Select(l => l.File.Anomaly![SkabFile.TrainRows..]).ToList();
            var cv = SkabCrossValidation.Run([.. labelled.Select(l => l.Group)], scores, labels, LikelihoodParameters.ScoreOfRatio);
            output.WriteLine(Text($"{name}: left out F1 {cv.Pooled.F1:F4} FAR {cv.Pooled.FalseAlarmRate:P2} [{string.Join(", ", cv.Folds.Select(f => Text($"{f.Group} ratio {f.Ratio:G3} F1 {f.LeftOut.F1:F3} FAR {f.LeftOut.FalseAlarmRate:P1}")))}]"));
            foreach (double ratio in SkabCrossValidation.Ratios)
            {
                double threshold = LikelihoodParameters.ScoreOfRatio(ratio);
                var counts = ConfusionCounts.Sum(scores.Select((s, i) => ConfusionCounts.FromPredictions(s.Select(x => x >= threshold).ToArray(), labels[i])));
                long alarms = freeScores.Sum(s => s.LongCount(x => x >= threshold));
                long rows = freeScores.Sum(s => (long)s.Length);
                int piecesAlarmed = freeScores.Count(s => s.Any(x => x >= threshold));
                output.WriteLine(Text($"  ratio {ratio,4:G3}: labelled F1 {counts.F1:F4} FAR {counts.FalseAlarmRate,7:P2} MAR {counts.MissedAlarmRate,7:P2} | anomaly-free FAR {(double)alarms / rows,7:P2} ({piecesAlarmed}/{pieces} pieces alarmed)"));
            }
        }
    }

    private static void Shares(TextWriter output, string what, IReadOnlyList<string> names, IEnumerable<(float[] Data, DetectorOutput Run, Func<int, bool> Counted)> runs, int c)
    {
        var sum = new double[c];
        var normal = new double[c];
        long rows = 0;
        double threshold = LikelihoodParameters.ScoreOfRatio(SkabBenchmark.AlarmRatio);
        foreach (var (data, run, counted) in runs)
        {
            int n = data.Length / c;
            for (int k = 0; k < c; k++)
            {
                double mean = 0, sq = 0;
                for (int r = 0; r < SkabFile.TrainRows; r++)
                {
                    mean += data[(r * c) + k];
                }

                mean /= SkabFile.TrainRows;
                for (int r = 0; r < SkabFile.TrainRows; r++)
                {
                    sq += Math.Pow(data[(r * c) + k] - mean, 2);
                }

                double std = Math.Max(Math.Sqrt(sq / SkabFile.TrainRows), 1e-3 * Math.Max(Math.Abs(mean), 1));
                for (int r = SkabFile.TrainRows; r < n; r++)
                {
                    double d = Math.Pow((data[(r * c) + k] - run.Predictions[(r * c) + k]) / std, 2);
                    if (run.Scores[r] >= threshold && counted(r))
                    {
                        sum[k] += d;
                        if (k == 0)
                        {
                            rows++;
                        }
                    }
                    else if (run.Scores[r] < threshold)
                    {
                        normal[k] += d;
                    }
                }
            }
        }

        double total = sum.Sum();
        double totalNormal = normal.Sum();
        output.WriteLine(Text($"  {what} ({rows} rows), share of squared error: {string.Join(", ", names.Select((name, k) => Text($"{name} {sum[k] / total:P0}")))}"));
        output.WriteLine(Text($"  {what}, rows below the threshold: {string.Join(", ", names.Select((name, k) => Text($"{name} {normal[k] / totalNormal:P0}")))}"));
    }

    private static IEnumerable<(string Name, DetectorConfiguration Configuration)> Variants()
    {
        var baseline = SkabBenchmark.Configuration(false);
        yield return ("the default", baseline);
        yield return ("mean channel error", baseline with { Likelihood = baseline.Likelihood with { ChannelError = ChannelErrorKind.MeanAbsolute } });
        yield return ("ensemble 10", baseline with { EnsembleSize = 10 });
        yield return ("hidden 16", baseline with { HiddenSize = 16 });
        yield return ("epochs 60", baseline with { Epochs = 60 });
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
