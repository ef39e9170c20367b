using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Calibration;
using EdgeRnn.Training.Data;
using EdgeRnn.Training.Training.Engine.Sequence2Sequence;
using EdgeRnn.Training.Training.Loop;
using EdgeRnn.Training.Training.Sequence2Sequence;

namespace EdgeRnn.Training.Runs;

/// <summary>
/// An encoder–decoder run of <see cref="TrainRun"/> (<c>--task forecast --horizon N</c>, N above 1, or <c>--task
/// reconstruct</c>): windows of the split, training with the teacher-forcing plan, export with its decoder, int8 with
/// the float/int8 comparison on the validation windows, the model file and the summary. A reconstruct model carries the
/// anomaly scoring of <see cref="TrainRun"/>'s forecasters (σ per channel of the output-1 error, the windows and the
/// threshold, fitted on the validation streams through the runtime's detector); a horizon forecaster carries none.
/// </summary>
internal sealed class Seq2SeqTraining(TrainSettings settings, TrainingView view)
{
    private readonly Seq2SeqSettings _decoder = settings.Decoder ?? throw new ArgumentException("Expected encoder–decoder settings.", nameof(settings));

    public TrainedModel Execute(TrainingData data, CancellationToken cancellationToken)
    {
        int window = settings.Window;
        bool reconstruct = _decoder.Reconstruct;
        string needs = reconstruct ? $"{window} steps" : $"{window} steps plus the {_decoder.Horizon} rows it forecasts";
        var train = Seq2SeqWindowSet.From(data, SplitPart.Train, window, settings.Stride, _decoder.Horizon, reconstruct);
        if (train.Count == 0)
        {
            throw new RecordingException($"Expected at least one training window of {needs}; the training part has none. Use a shorter --window{(reconstruct ? string.Empty : " or --horizon")} or more data.");
        }

        Seq2SeqWindowSet? validation = Seq2SeqWindowSet.From(data, SplitPart.Validation, window, settings.Stride, _decoder.Horizon, reconstruct);
        if (validation.Count == 0)
        {
            view.Warn($"The validation part holds no window of {needs}: no early stopping, and the last epoch's weights are kept.", severe: false);
            validation = null;
        }

        var shape = new Seq2SeqShape(settings.Cell, data.InputWidth, settings.Hidden, settings.Layers, data.OutputWidth, _decoder.Horizon, _decoder.Attention, _decoder.AttentionSize);
        var trainer = new Seq2SeqTrainer(shape);
        string attention = _decoder.Attention == AttentionKind.None ? "no attention" : $"{_decoder.Attention.ToString().ToLowerInvariant()} attention";
        view.Line(string.Create(CultureInfo.InvariantCulture, $"{TrainSettings.CellName(shape.Kind)} encoder–decoder {shape.Layers} × {shape.HiddenSize}, {attention}, {shape.InputSize} → {shape.OutputSize} × {shape.Horizon} ({(reconstruct ? "reconstruct" : "forecast")}); {train.Count} training and {validation?.Count ?? 0} validation windows of {window} steps; {_decoder.TeacherForcing}"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = view.Run(progress => trainer.Fit(train, validation, settings.TrainerOptions, _decoder.TeacherForcing, progress, cancellationToken));
        double seconds = started.Elapsed.TotalSeconds;
        view.ReportStop(result.Stop, result.History.Count, result.BestEpoch, settings.TrainerOptions.EarlyStoppingPatience, resumable: false);

        var start = reconstruct ? DecoderStart.Zeros : DecoderStart.LastTargets;
        var definition = Seq2SeqExport.ToModelDefinition(shape, result.BestParameters, start, data.InputNormalization, data.OutputNormalization, Metadata(data, result));
        var rows = new List<(string, string)>
        {
            ("epochs", string.Create(CultureInfo.InvariantCulture, $"{result.History.Count} ({TrainRun.StopText(result.Stop)}), best {result.BestEpoch}, {seconds:F1} s")),
            ("best validation loss", $"{TrainRun.Number(result.BestValidationLoss)} (free-running)"),
        };
        if (validation is not null)
        {
            var outputs = new float[validation.Count * shape.Horizon * shape.OutputSize];
            trainer.Evaluate(validation, settings.TrainerOptions, outputs);
            // One target: in its own units; several: each in its own std, so that they can be pooled.
            bool single = shape.OutputSize == 1;
            var units = single ? data.OutputNormalization : ChannelNormalization.Identity(shape.OutputSize);
            rows.Add((single ? "validation RMSE by step" : "validation RMSE by step (in stds)", StepErrorText(Seq2SeqErrors.RmseByStep(validation, outputs, units))));
        }

        var exported = settings.Quantize ? ModelQuantizer.Quantize(definition, out _) : definition;
        if (reconstruct)
        {
            var streams = ValidationStreams.Of(data);
            (var metadata, var scoring) = TrainRun.Calibrate(settings, view, exported, data, streams, rows);
            definition = definition.With(metadata: metadata, scoring: scoring);
            exported = exported.With(metadata: metadata, scoring: scoring);
        }

        byte[] floatBytes = RnnModel.FromDefinition(definition).ToBytes();
        rows.Add(("model size float32", $"{floatBytes.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes"));
        var written = definition;
        byte[] bytes = floatBytes;
        if (settings.Quantize)
        {
            written = exported;
            bytes = RnnModel.FromDefinition(written).ToBytes();
            rows.Add(("model size int8", $"{bytes.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes"));
            if (validation is not null)
            {
                var q = Seq2SeqQuantization.Compare(RnnModel.FromDefinition(definition), RnnModel.FromDefinition(written), validation);
                static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
                rows.Add(("int8 vs float32", $"max |Δ| {G(q.MaxDifference)}, RMS Δ {G(q.RmsDifference)} over {q.Windows} validation windows × {shape.Horizon} steps (target units)"));
                rows.Add(("validation RMSE float32/int8", $"{G(q.FloatRmse)} / {G(q.Int8Rmse)} (runtime, target units, all steps)"));
            }
        }

        if (settings.Output is { } output)
        {
            TrainRun.WriteModel(output, bytes);
        }

        rows.Add(("model", $"{settings.Output ?? "not written"} ({(settings.Quantize ? "int8" : "float32")}: {settings.WeightsReason})"));
        view.Table("edgernn train", rows);
        return new TrainedModel(written, rows);
    }

    /// <summary>The per-step RMSE list, in the targets' units: every step up to 10, else the first, middle and last.</summary>
    internal static string StepErrorText(double[] rmse)
    {
        static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
        if (rmse.Length <= 10)
        {
            return string.Join(", ", rmse.Select((v, k) => $"{k + 1}: {F(v)}"));
        }

        int middle = rmse.Length / 2;
        return $"1: {F(rmse[0])}, {middle + 1}: {F(rmse[middle])}, {rmse.Length}: {F(rmse[^1])}";
    }

    private ModelMetadata Metadata(TrainingData data, Seq2SeqResult result)
    {
        var properties = new Dictionary<string, string>(settings.Properties())
        {
            ["train.epochs"] = result.History.Count.ToString(CultureInfo.InvariantCulture),
            ["train.best_epoch"] = result.BestEpoch.ToString(CultureInfo.InvariantCulture),
            ["train.best_validation_loss"] = result.BestValidationLoss.ToString("R", CultureInfo.InvariantCulture),
        };
        return new ModelMetadata
        {
            FeatureNames = data.InputNames.Count == data.InputWidth ? data.InputNames : [],
            TargetChannels = data.TargetChannels,
            SamplePeriodSeconds = data.SamplePeriodSeconds,
            Task = _decoder.Task,
            Properties = properties,
        };
    }
}
