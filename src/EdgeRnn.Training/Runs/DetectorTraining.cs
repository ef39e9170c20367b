using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Calibration;
using EdgeRnn.Training.Data;
using EdgeRnn.Training.Evaluation.Detector;

namespace EdgeRnn.Training.Runs;

/// <summary>
/// A forecasting run with a detector (<see cref="DetectorKind.Adaptive"/> or <see cref="DetectorKind.Reference"/>):
/// the leading rows of each file train the whole detector with <see cref="DetectorBuilder"/> (the code the benchmarks
/// run), the rest of each file is streamed through the written model to calibrate or report the alarm threshold, and
/// the model file is written (when the run has one).
/// </summary>
internal sealed class DetectorTraining(TrainSettings settings, TrainingView view)
{
    private const double SecondsPerDay = 86400;

    public TrainedModel Execute(TrainingData data)
    {
        if (data.TargetChannels.Count != data.InputWidth || data.TargetChannels.Where((c, i) => c != i).Any())
        {
            throw new ArgumentException("--target-columns: the detector forecasts every input channel; choose the channels with --columns (or use --detector simple).");
        }

        var configuration = settings.DetectorConfiguration!;
        int width = data.InputWidth;
        var rows = new List<float>();
        var times = new List<DateTime>();
        bool timed = data.Sequences.All(s => s.Times is not null);
        var trainLengths = new int[data.Sequences.Count];
        for (int f = 0; f < data.Sequences.Count; f++)
        {
            var sequence = data.Sequences[f];
            int train = settings.TrainRows is { } n ? Math.Min(n, sequence.Length) : TimeSplit.TrainLength(sequence.Length, settings.DataOptions.ValidationFraction);
            trainLengths[f] = train;
            rows.AddRange(sequence.RawInputs.AsSpan(0, train * width));
            if (timed)
            {
                times.AddRange(sequence.Times!.Take(train).Select(Time));
            }
        }

        int trainRows = rows.Count / width;
        if (trainRows < configuration.WindowSteps + 2)
        {
            throw new RecordingException(string.Create(CultureInfo.InvariantCulture, $"Expected at least {configuration.WindowSteps + 2} training rows for windows of {configuration.WindowSteps} steps; found {trainRows}. Use more data, a larger --train-rows or a shorter --window."));
        }

        view.Line(string.Create(CultureInfo.InvariantCulture, $"detector: {settings.Detector.ToString().ToLowerInvariant()}, {configuration.EnsembleSize} × {TrainSettings.CellName(configuration.Cell)} {configuration.Layers} × {configuration.HiddenSize}, {width} channel(s){(timed && configuration.TimeOfDay ? " + time of day" : string.Empty)}; {trainRows} training rows from {data.Sequences.Count} file(s)"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        double threshold = settings.Detector == DetectorKind.Reference ? LikelihoodParameters.ScoreOfRatio(settings.AlarmRatio) : DetectorBuilder.DefaultAdaptiveThreshold;
        var definition = DetectorBuilder.Build(rows.ToArray(), width, trainRows, configuration, threshold, timed ? times : null, data.InputNames);
        double seconds = started.Elapsed.TotalSeconds;

        var validation = Validate(data, trainLengths, definition);
        string method = settings.Detector == DetectorKind.Reference
            ? string.Create(CultureInfo.InvariantCulture, $"recent error ≥ {settings.AlarmRatio:G4} × the largest recent error of the reference rows")
            : "bench-nab's standard θ (no validation rows with a warm likelihood)";
        if (settings.Detector == DetectorKind.Adaptive && validation.Scores.Count > 0)
        {
            if (settings.Calibration.AlarmQuantile is { } quantile)
            {
                threshold = AlarmThreshold.ForQuantile(validation.Scores, quantile);
                method = string.Create(CultureInfo.InvariantCulture, $"quantile {quantile:G6} of the validation scores");
            }
            else if (validation.Days > 0)
            {
                threshold = AlarmThreshold.ForOnsets(validation.Scores, settings.Calibration.FalseAlarmsPerDay * validation.Days);
                method = string.Create(CultureInfo.InvariantCulture, $"at most {settings.Calibration.FalseAlarmsPerDay:G6} false alarm(s) per day on validation");
            }

            definition = definition.With(detector: definition.Detector!.WithThreshold(threshold));
        }

        definition = definition.With(metadata: Metadata(definition.Metadata, trainRows));
        byte[] bytes = RnnModel.FromDefinition(definition).ToBytes();
        if (settings.Output is { } output)
        {
            TrainRun.WriteModel(output, bytes);
        }

        int onsets = validation.Scores.Count == 0 ? 0 : AlarmThreshold.CountOnsets(validation.Scores, (float)threshold);
        var d = definition.Detector!;
        var table = new List<(string, string)>
        {
            ("detector", string.Create(CultureInfo.InvariantCulture, $"{settings.Detector.ToString().ToLowerInvariant()}: {d.Members.Count + 1} forecasters, {(d.Likelihood.Baseline == LikelihoodBaseline.TrainingMaximum ? "control limit" : "anomaly likelihood")}{(d.ChangePoints is null ? string.Empty : ", change points")}{(d.TimeOfDay ? ", time of day" : string.Empty)}")),
            ("training", string.Create(CultureInfo.InvariantCulture, $"{trainRows} rows, {configuration.Epochs} epochs, {seconds:F1} s")),
            ("sampling period", SamplingLine(definition.Metadata.SamplePeriodSeconds, trainRows, configuration)),
            ("alarm threshold", string.Create(CultureInfo.InvariantCulture, $"{threshold:G6} ({method})")),
            ("validation", validation.Scores.Count == 0
                ? "none"
                : validation.Days > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{onsets} alarm(s) in {validation.Days * 24:G4} h ({onsets / validation.Days:G4} per day)")
                    : string.Create(CultureInfo.InvariantCulture, $"{onsets} alarm(s) in {validation.Steps} steps")),
            ("model", string.Create(CultureInfo.InvariantCulture, $"{settings.Output ?? "not written"} ({(configuration.Int8 ? "int8" : "float32")}, {bytes.Length:N0} bytes, format 1.1)")),
        };
        view.Table("edgernn train", table);
        return new TrainedModel(definition, table);
    }

    /// <summary>The timestamp of Unix seconds, exact to the tick for whole and decimal seconds.</summary>
    public static DateTime Time(double unixSeconds) => DateTime.UnixEpoch.AddTicks((long)Math.Round(unixSeconds * TimeSpan.TicksPerSecond));

    /// <summary>The metadata with the training facts as properties (nothing that depends on the machine).</summary>
    private Runtime.Model.ModelMetadata Metadata(Runtime.Model.ModelMetadata metadata, int trainRows)
    {
        var c = settings.DetectorConfiguration!;
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var properties = new Dictionary<string, string>(metadata.Properties)
        {
            ["train.detector"] = settings.Detector.ToString().ToLowerInvariant(),
            ["train.ensemble"] = c.EnsembleSize.ToString(CultureInfo.InvariantCulture),
            ["train.cell"] = TrainSettings.CellName(c.Cell),
            ["train.hidden"] = c.HiddenSize.ToString(CultureInfo.InvariantCulture),
            ["train.layers"] = c.Layers.ToString(CultureInfo.InvariantCulture),
            ["train.window"] = c.WindowSteps.ToString(CultureInfo.InvariantCulture),
            ["train.stride"] = c.WindowStride.ToString(CultureInfo.InvariantCulture),
            ["train.epochs"] = c.Epochs.ToString(CultureInfo.InvariantCulture),
            ["train.batch"] = c.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["train.lr"] = F(c.LearningRate),
            ["train.seed"] = c.Seed.ToString(CultureInfo.InvariantCulture),
            ["train.rows"] = trainRows.ToString(CultureInfo.InvariantCulture),
        };
        return new Runtime.Model.ModelMetadata
        {
            FeatureNames = metadata.FeatureNames,
            TargetChannels = metadata.TargetChannels,
            SamplePeriodSeconds = metadata.SamplePeriodSeconds,
            Task = metadata.Task,
            Properties = properties,
        };
    }

    /// <summary>Streams each whole file through the written model from its first row and keeps the warm scores of its validation rows.</summary>
    private static ValidationScores Validate(TrainingData data, int[] trainLengths, Runtime.Model.ModelDefinition definition)
    {
        var model = RnnModel.Load(RnnModel.FromDefinition(definition).ToBytes());
        var scores = new List<float[]>();
        long steps = 0;
        double seconds = 0;
        for (int f = 0; f < data.Sequences.Count; f++)
        {
            var sequence = data.Sequences[f];
            int from = trainLengths[f];
            if (sequence.Length - from < 2)
            {
                continue;
            }

            var detector = new AnomalyDetector(model);
            var kept = new List<float>(sequence.Length - from);
            for (int r = 0; r < sequence.Length; r++)
            {
                var sample = sequence.RawInputs.AsSpan(r * data.InputWidth, data.InputWidth);
                var score = definition.Detector!.TimeOfDay && sequence.Times is { } t ? detector.Process(sample, Time(t[r])) : detector.Process(sample);

                // A score from before the likelihood has its history means nothing yet (the board raises no alarm on it).
                if (r >= from && score.IsWarm)
                {
                    kept.Add(score.Score);
                }
            }

            if (kept.Count < 2)
            {
                continue;
            }

            scores.Add([.. kept]);
            steps += kept.Count;
            if (sequence.Times is not null && data.SamplePeriodSeconds > 0)
            {
                seconds += kept.Count * data.SamplePeriodSeconds;
            }
        }

        return new ValidationScores(scores, steps, seconds / SecondsPerDay);
    }

    private sealed record ValidationScores(List<float[]> Scores, long Steps, double Days);

    private static string SamplingLine(double periodSeconds, int trainRows, DetectorConfiguration configuration)
    {
        if (periodSeconds <= 0)
        {
            return "unknown (no timestamps): windows in rows as written";
        }

        double factor = configuration.WindowFactor(TimeSpan.FromSeconds(periodSeconds), trainRows);
        return factor >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{periodSeconds:G6} s (median step of the training rows); windows in rows as written")
            : string.Create(CultureInfo.InvariantCulture, $"{periodSeconds:G6} s (median step of the training rows); windows at {factor:P0} of their written rows (sampled slower than every {configuration.LikelihoodPeriod.TotalSeconds:G6} s and trained on fewer than {configuration.LikelihoodTrainingRows} rows)");
    }
}
