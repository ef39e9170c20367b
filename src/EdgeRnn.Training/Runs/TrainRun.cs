using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Calibration;
using EdgeRnn.Training.Data;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Loop;

namespace EdgeRnn.Training.Runs;

/// <summary>
/// One training run (<c>edgernn train</c>, <see cref="RnnTrainer.Train"/>): load and split the data, train (or resume), export the best weights with metadata,
/// quantize to int8, calibrate the anomaly scoring (forecast) on the exported model (int8 or float), check what int8
/// changed against float, write the model, summarise.
/// </summary>
internal sealed class TrainRun(TrainSettings settings, TrainingView view)
{
    /// <summary>Runs everything; returns the model written (or, without an output file, the model that would be).</summary>
    public TrainedModel Execute(CancellationToken cancellationToken)
    {
        var data = DataLoader.Load(settings.Data, settings.DataOptions);
        foreach (string line in DataSummaryText.Lines(data.Summary))
        {
            if (line.StartsWith("Warning: ", StringComparison.Ordinal))
            {
                view.Warn(line["Warning: ".Length..], severe: false);
            }
            else
            {
                view.Line(line);
            }
        }

        if (settings.Decoder is not null)
        {
            return new Seq2SeqTraining(settings, view).Execute(data, cancellationToken);
        }

        if (data.Task == ModelTask.Forecast && settings.Detector != DetectorKind.Simple)
        {
            return new DetectorTraining(settings, view).Execute(data);
        }

        var train = DataWindows.FromTrainingData(data, SplitPart.Train, settings.Window, settings.Stride);
        if (train.Count == 0)
        {
            throw new RecordingException($"Expected at least one training window of {settings.Window} steps (plus one for the next-step target); the training part has none. Use a shorter --window or more data.");
        }

        var validation = data.ValidationSegments.Count == 0 ? null : DataWindows.FromTrainingData(data, SplitPart.Validation, settings.Window, settings.Stride);
        if (validation is { Count: 0 })
        {
            view.Warn($"The validation part holds no window of {settings.Window} steps: no early stopping, and the last epoch's weights are kept.", severe: false);
            validation = null;
        }

        var shape = new NetworkShape(settings.Cell, data.InputWidth, settings.Hidden, settings.Layers, data.OutputWidth, settings.Bidirectional, settings.Embedding);
        var trainer = CreateTrainer(shape);
        view.Line(string.Create(CultureInfo.InvariantCulture, $"{TrainSettings.CellName(shape.Kind)} {shape.Layers} × {shape.HiddenSize}{(shape.Bidirectional ? " bidirectional" : string.Empty)}, {shape.InputSize}{(shape.HasEmbedding ? $" (embedded in {shape.EmbeddingSize})" : string.Empty)} → {shape.OutputSize}; {train.Count} training and {validation?.Count ?? 0} validation windows of {settings.Window} steps; checkpoint {settings.CheckpointPath ?? "none"}"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = view.Run(progress => trainer.Fit(train, validation, settings.TrainerOptions, progress, cancellationToken));
        double seconds = started.Elapsed.TotalSeconds;
        view.ReportStop(result.Stop, result.History.Count, result.BestEpoch, settings.TrainerOptions.EarlyStoppingPatience, resumable: true);

        var definition = trainer.ToModelDefinition(data.InputNormalization, data.OutputNormalization, Metadata(data, result));
        var rows = new List<(string, string)>
        {
            ("epochs", string.Create(CultureInfo.InvariantCulture, $"{result.History.Count} ({StopText(result.Stop)}), best {result.BestEpoch}, {seconds:F1} s")),
            ("best validation loss", Number(result.BestValidationLoss)),
        };
        if (data.Task == ModelTask.Text && double.IsFinite(result.BestValidationLoss))
        {
            rows.Add(("validation perplexity", Number(Math.Exp(result.BestValidationLoss))));
        }

        if (data.Task is ModelTask.Classify or ModelTask.Label && StreamingAccuracy.Of(RnnModel.FromDefinition(definition), data, settings.Window) is var accuracy && !double.IsNaN(accuracy))
        {
            string how = definition.IsBidirectional ? $"windows of {settings.Window}" : "streaming";
            rows.Add(("validation accuracy", string.Create(CultureInfo.InvariantCulture, $"{100 * accuracy:F2}% of steps (runtime, {how})")));
        }

        // The scoring is fitted on the model the board runs: the int8 copy when exporting int8. Quantization leaves
        // metadata and scoring alone, so the float model then carries the same scoring for the comparison below.
        var streams = ValidationStreams.Of(data);
        var exported = settings.Quantize ? ModelQuantizer.Quantize(definition, out _) : definition;
        (var metadata, var scoring) = Calibrate(settings, view, exported, data, streams, rows);
        definition = definition.With(metadata: metadata, scoring: scoring);
        byte[] floatBytes = RnnModel.FromDefinition(definition).ToBytes();
        rows.Add(("model size float32", $"{floatBytes.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes"));
        byte[] bytes = floatBytes;
        var written = definition;
        if (settings.Quantize)
        {
            written = exported.With(metadata: metadata, scoring: scoring);
            bytes = RnnModel.FromDefinition(written).ToBytes();
            rows.Add(("model size int8", $"{bytes.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes"));
            CheckQuantization(definition, written, streams, rows);
        }

        if (settings.Output is { } output)
        {
            WriteModel(output, bytes);
        }

        rows.Add(("model", $"{settings.Output ?? "not written"} ({(settings.Quantize ? "int8" : "float32")}: {settings.WeightsReason})"));
        view.Table("edgernn train", rows);
        return new TrainedModel(written, rows);
    }

    private NetworkTrainer CreateTrainer(NetworkShape shape)
    {
        if (!settings.Resume)
        {
            return new NetworkTrainer(shape);
        }

        if (settings.CheckpointPath is null || !File.Exists(settings.CheckpointPath))
        {
            throw new FileNotFoundException($"--resume: expected a checkpoint at {settings.CheckpointPath}; found none.", settings.CheckpointPath);
        }

        var trainer = NetworkTrainer.LoadCheckpoint(settings.CheckpointPath);
        if (trainer.Shape != shape)
        {
            throw new ArgumentException($"--resume: expected a checkpoint of {shape}; {settings.CheckpointPath} holds {trainer.Shape}.");
        }

        view.Line($"Resuming from {settings.CheckpointPath} after epoch {trainer.EpochsCompleted}.");
        return trainer;
    }

    private ModelMetadata Metadata(TrainingData data, TrainingResult result)
    {
        var properties = new Dictionary<string, string>(settings.Properties());
        properties["train.epochs"] = result.History.Count.ToString(CultureInfo.InvariantCulture);
        properties["train.best_epoch"] = result.BestEpoch.ToString(CultureInfo.InvariantCulture);
        properties["train.best_validation_loss"] = result.BestValidationLoss.ToString("R", CultureInfo.InvariantCulture);
        if (data.Task == ModelTask.Text)
        {
            properties[ModelProperties.Vocabulary] = data.Vocabulary;
        }

        if (data.ClassNames.Count > 0 && data.Task is ModelTask.Classify or ModelTask.Label)
        {
            properties[ModelProperties.Classes] = System.Text.Json.JsonSerializer.Serialize(data.ClassNames);
        }

        return new ModelMetadata
        {
            FeatureNames = data.InputNames.Count == data.InputWidth ? data.InputNames : [],
            TargetChannels = data.Task == ModelTask.Forecast ? data.TargetChannels : [],
            SamplePeriodSeconds = data.SamplePeriodSeconds,
            Task = data.Task,
            Properties = properties,
        };
    }

    /// <summary>
    /// Fits the anomaly scoring of a forecasting model on the validation streams, running <paramref name="definition"/>
    /// (the exported model, int8 or float); returns the metadata and scoring to store (unchanged for other tasks).
    /// </summary>
    /// <summary>Fits the anomaly scoring of a forecaster or a reconstruct model on the validation streams and reports it in <paramref name="rows"/>.</summary>
    internal static (ModelMetadata Metadata, ScoringParameters Scoring) Calibrate(TrainSettings settings, TrainingView view, ModelDefinition definition, TrainingData data, IReadOnlyList<float[]> streams, List<(string, string)> rows)
    {
        if (data.Task is not (ModelTask.Forecast or ModelTask.Reconstruct))
        {
            return (definition.Metadata, definition.Scoring);
        }

        if (streams.Count == 0)
        {
            view.Warn("No validation data (--validation-fraction 0 or too short): the model carries no anomaly scoring.", severe: false);
            return (definition.Metadata, definition.Scoring);
        }

        var calibration = ScoringCalibrator.Calibrate(RnnModel.FromDefinition(definition), streams, data.SamplePeriodSeconds, settings.Calibration);
        var s = calibration.Scoring;
        string weights = definition.IsQuantized ? "int8" : "float32";
        rows.Add(("alarm threshold", string.Create(CultureInfo.InvariantCulture, $"{s.Threshold:G6} ({calibration.Method}; {weights} model)")));
        rows.Add(("scoring windows", string.Create(CultureInfo.InvariantCulture, $"long {s.LongWindow}, short {s.ShortWindow} steps")));
        rows.Add(("expected false alarms/day", double.IsNaN(calibration.FalseAlarmsPerDay)
            ? string.Create(CultureInfo.InvariantCulture, $"unknown (no timestamps); {calibration.Onsets} alarm(s) in {calibration.ValidationSteps} validation steps")
            : string.Create(CultureInfo.InvariantCulture, $"{calibration.FalseAlarmsPerDay:G4} ({calibration.Onsets} alarm(s) in {calibration.ValidationDays * 24:G4} h of validation)")));
        var properties = new Dictionary<string, string>(definition.Metadata.Properties)
        {
            ["calibration.method"] = calibration.Method,
            ["calibration.validation_steps"] = calibration.ValidationSteps.ToString(CultureInfo.InvariantCulture),
            ["calibration.validation_alarms"] = calibration.Onsets.ToString(CultureInfo.InvariantCulture),
            ["calibration.weights"] = weights,
        };
        var m = definition.Metadata;
        var metadata = new ModelMetadata { FeatureNames = m.FeatureNames, TargetChannels = m.TargetChannels, SamplePeriodSeconds = m.SamplePeriodSeconds, Task = m.Task, Properties = properties };
        return (metadata, s);
    }

    private void CheckQuantization(ModelDefinition floatDefinition, ModelDefinition int8Definition, IReadOnlyList<float[]> streams, List<(string, string)> rows)
    {
        if (streams.Count == 0)
        {
            return;
        }

        var c = QuantizationCheck.Compare(RnnModel.FromDefinition(floatDefinition), RnnModel.FromDefinition(int8Definition), streams, settings.Window);
        rows.AddRange(QuantizationSummary.Rows(c, "validation"));
        foreach (var (text, severe) in QuantizationSummary.Warnings(c, "validation", "consider --quantize none"))
        {
            view.Warn(text, severe);
        }
    }

    /// <summary>Writes the model file through a temporary file and a rename, creating its folder.</summary>
    internal static void WriteModel(string output, byte[] bytes)
    {
        string? folder = Path.GetDirectoryName(output);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        string temporary = output + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, output, overwrite: true);
    }

    internal static string StopText(StopReason stop) => stop switch
    {
        StopReason.EarlyStopped => "stopped early",
        StopReason.Cancelled => "cancelled",
        StopReason.Diverged => "diverged",
        _ => "completed",
    };

    internal static string Number(double value) => value.ToString("G5", CultureInfo.InvariantCulture);
}
