using System.Globalization;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Data;
using EdgeRnn.Training.Evaluation;
using EdgeRnn.Training.Evaluation.Skab;
using EdgeRnn.Training.Training.Engine.Sequence2Sequence;
using EdgeRnn.Training.Training.Loop;
using EdgeRnn.Training.Training.Sequence2Sequence;

namespace EdgeRnn.Benchmarks.Detector;

/// <summary>
/// Research loop (not part of the product): an LSTM autoencoder (<c>--task reconstruct</c>'s model) scored on SKAB the
/// way bench-skab scores its forecaster. Per file: normalisation and training on the first 300 rows (windows of T rows,
/// stride 1); every row from T on gets the error of the newest row's reconstruction (output 1 of the window ending
/// there: RMS over the channels, normalised units), the error's 50-row mean is compared with its largest value over
/// rows 349–399 (the control limit; rows 300–399 are out of the model's sample), score = ratio / (1 + ratio), alarm at
/// ratio 2 (bench-skab's fixed rule), and the left-out protocol (each group at the ratio chosen on the others).
/// <c>--error window</c>: each row's error is that of the whole window ending there (every output) instead.
/// <c>dotnet run -c Release --project tests/EdgeRnn.Benchmarks -- skab-ae --skab ../shared/data/skab [--window 16] [--hidden 16] [--epochs 40] [--error newest|window]</c>.
/// </summary>
internal static class SkabAutoencoder
{
    private const int ModelRows = 300;
    private const int MeanRows = 50;

    public static void Run(string root, int window, int hidden, int epochs, bool wholeWindow, TextWriter output)
    {
        var (groups, _) = SkabGroups.Find(root);
        var paths = groups.SelectMany(g => g.Files).ToList();
        var groupOf = groups.SelectMany(g => Enumerable.Repeat(g.Name, g.Files.Count)).ToArray();
        var files = new SkabFile[paths.Count];
        var scores = new double[paths.Count][];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            files[i] = SkabFile.Read(paths[i]);
            scores[i] = Score(files[i], window, hidden, epochs, wholeWindow);
        });
        output.WriteLine(Text($"{paths.Count} files, LSTM autoencoder 1 × {hidden}, windows of {window}, {epochs} epochs, error of {(wholeWindow ? "the whole window" : "the newest row")}: {clock.Elapsed.TotalSeconds:F0} s"));

        double threshold = LikelihoodParameters.ScoreOfRatio(2);
        var outcomes = files.Select((f, i) => new SkabFileOutcome(
            paths[i], f.Timestamps[SkabFile.TrainRows..], scores[i][SkabFile.TrainRows..].Select(s => s >= threshold).ToArray(),
            f.Anomaly![SkabFile.TrainRows..], f.Changepoint![SkabFile.TrainRows..])).ToList();
        var fixedRule = SkabEvaluation.Score(outcomes).Outlier;
        output.WriteLine(Text($"pooled at ratio 2: outlier F1 {fixedRule.F1:F4}  FAR {100 * fixedRule.FalseAlarmRate:F2}%  MAR {100 * fixedRule.MissedAlarmRate:F2}%"));
        var leftOut = SkabCrossValidation.Run(groupOf, [.. scores.Select(s => s[SkabFile.TrainRows..])], [.. files.Select(f => f.Anomaly![SkabFile.TrainRows..])], LikelihoodParameters.ScoreOfRatio);
        var c = leftOut.Pooled;
        string folds = string.Join(", ", leftOut.Folds.Select(f => Text($"{f.Group} F1 {f.LeftOut.F1:F3} FAR {100 * f.LeftOut.FalseAlarmRate:F1}% (ratio {f.Ratio:G3})")));
        output.WriteLine(Text($"left out: outlier F1 {c.F1:F4}  FAR {100 * c.FalseAlarmRate:F2}%  MAR {100 * c.MissedAlarmRate:F2}%  [{folds}]"));
    }

    /// <summary>Each row's score (0 before the control limit exists).</summary>
    private static double[] Score(SkabFile file, int window, int hidden, int epochs, bool wholeWindow)
    {
        int rows = file.RowCount, channels = file.Channels.Count;
        var z = Normalise(file.Features, rows, channels);
        var data = new TrainingData
        {
            Task = ModelTask.Forecast,
            Sequences = [new DataSequence { Source = file.Path, Length = rows, Inputs = z, RawInputs = file.Features, Targets = z }],
            TrainSegments = [new Segment(0, 0, ModelRows)],
            ValidationSegments = [new Segment(0, 0, rows)],
            InputWidth = channels,
            OutputWidth = channels,
            TargetChannels = [.. Enumerable.Range(0, channels)],
            InputNormalization = ChannelNormalization.Identity(channels),
            OutputNormalization = ChannelNormalization.Identity(channels),
            Summary = new DataSummary([], [], 0, []),
        };
        var train = Seq2SeqWindowSet.From(data, SplitPart.Train, window, 1, window, reconstruct: true);
        var all = Seq2SeqWindowSet.From(data, SplitPart.Validation, window, 1, window, reconstruct: true);
        var trainer = new Seq2SeqTrainer(new Seq2SeqShape(CellKind.Lstm, channels, hidden, 1, channels, window));
        var options = new TrainerOptions { Epochs = epochs, BatchSize = 16, LearningRate = 3e-3, Threads = 1, Seed = 1, EarlyStoppingPatience = 0 };
        trainer.Fit(train, null, options, new TeacherForcing(1));
        var outputs = new float[all.Count * window * channels];
        trainer.Evaluate(all, options, outputs);

        var error = new double[rows];
        for (int w = 0; w < all.Count; w++)
        {
            int row = w + window - 1;
            // Output k reconstructs row (window end − k): the newest row only, or every row of the window.
            int steps = wholeWindow ? window : 1;
            double sum = 0;
            for (int k = 0; k < steps; k++)
            {
                for (int ch = 0; ch < channels; ch++)
                {
                    double d = outputs[(((w * window) + k) * channels) + ch] - z[((row - k) * channels) + ch];
                    sum += d * d;
                }
            }

            error[row] = Math.Sqrt(sum / (steps * channels));
        }

        var recent = new double[rows];
        int first = ModelRows + MeanRows - 1;
        for (int r = first; r < rows; r++)
        {
            recent[r] = error.AsSpan(r - MeanRows + 1, MeanRows).ToArray().Average();
        }

        double limit = recent.AsSpan(first, SkabFile.TrainRows - first).ToArray().Max();
        return [.. recent.Select((m, r) => r < first ? 0 : LikelihoodParameters.ScoreOfRatio(m / limit))];
    }

    /// <summary>z per channel with the first <see cref="ModelRows"/> rows' mean and std (std floor 1e-6).</summary>
    private static float[] Normalise(float[] features, int rows, int channels)
    {
        var z = new float[features.Length];
        for (int ch = 0; ch < channels; ch++)
        {
            double mean = 0, squares = 0;
            for (int r = 0; r < ModelRows; r++)
            {
                mean += features[(r * channels) + ch];
            }

            mean /= ModelRows;
            for (int r = 0; r < ModelRows; r++)
            {
                double d = features[(r * channels) + ch] - mean;
                squares += d * d;
            }

            double std = Math.Max(Math.Sqrt(squares / ModelRows), 1e-6);
            for (int r = 0; r < rows; r++)
            {
                z[(r * channels) + ch] = (float)((features[(r * channels) + ch] - mean) / std);
            }
        }

        return z;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
