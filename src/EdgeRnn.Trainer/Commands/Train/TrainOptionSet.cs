using System.CommandLine;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Calibration;
using EdgeRnn.Training.Data;
using EdgeRnn.Training;
using EdgeRnn.Training.Runs;
using EdgeRnn.Training.Training.Loop;
using EdgeRnn.Training.Training.Optimization;

namespace EdgeRnn.Trainer.Commands.Train;

/// <summary>The options of <c>edgernn train</c>, each with its default in the help, and their translation into <see cref="TrainSettings"/>.</summary>
internal sealed class TrainOptionSet
{
    public Option<string[]> Data { get; } = new("--data") { Description = "CSV file, folder (its *.csv; *.txt for --task text) or glob; repeat or list several", Required = true, AllowMultipleArgumentsPerToken = true };

    public Option<FileInfo> Out { get; } = new("--out") { Description = "The model file to write", DefaultValueFactory = _ => new FileInfo("model.ernn") };

    public Option<string?> Columns { get; } = new("--columns") { Description = "Input channels a,b,c in this order (default: every numeric column but time and label; forecast also leaves out columns named label, class, anomaly, is_anomaly or changepoint)" };

    public Option<string?> TimeColumn { get; } = new("--time-column") { Description = "Timestamp column, ISO 8601 or Unix seconds; 'none' for none (default: one named timestamp, time, datetime, date, ts, t, epoch, unix, time_s or utc)" };

    public Option<string?> TargetColumns { get; } = new("--target-columns") { Description = "Forecast targets a,b (a subset of the inputs; default: every input)" };

    public Option<string?> LabelColumn { get; } = new("--label-column") { Description = "Label column for classify and label (default: one named label, anomaly, class or is_anomaly)" };

    public Option<string> Task { get; } = new Option<string>("--task") { Description = "forecast (next step, anomaly detection; --horizon N for N rows), reconstruct (an autoencoder over windows), classify (one label per window), label (one per step) or text (characters)", DefaultValueFactory = _ => "forecast" }.AcceptOnlyFromAmong("forecast", "reconstruct", "classify", "label", "text");

    public Option<int?> Horizon { get; } = new("--horizon") { Description = "Forecast: rows forecast from each window; above 1 trains an encoder–decoder that runs whole windows (default: 1, the next step)" };

    public Option<string?> Attention { get; } = new("--attention") { Description = "Encoder–decoder: none, dot, general or additive[:A] (Luong's dot and general scores, Bahdanau's additive of width A, default the hidden size) over the encoder's outputs (default: none)" };

    public Option<double?> TeacherForcing { get; } = new("--teacher-forcing") { Description = "Encoder–decoder: chance in [0, 1] of feeding the true row back after each decoder step while training, drawn per window and step from --seed (default: 1, always; validation always feeds the model's own outputs)" };

    public Option<string?> ScheduledSampling { get; } = new("--scheduled-sampling") { Description = "Encoder–decoder: that chance decays over the epochs instead: linear (1 to 0) or inverse-sigmoid:k (k / (k + exp(epoch / k)), k ≥ 1)" };

    public Option<string> Detector { get; } = new Option<string>("--detector") { Description = "Forecast: reference (ensemble + control limit from the recording of normal operation it learns, as bench-skab), adaptive (ensemble + anomaly likelihood that keeps learning from the stream it scores, as bench-nab; give --train-rows for a stream whose leading rows it learns) or simple (one model, the older Φ rule)", DefaultValueFactory = _ => "reference" }.AcceptOnlyFromAmong("adaptive", "reference", "simple");

    public Option<int> Ensemble { get; } = new("--ensemble") { Description = "Detector: forecasters in the ensemble (seeds seed, seed + 1, ...; the error is taken against their mean)", DefaultValueFactory = _ => 5 };

    public Option<int?> TrainRows { get; } = new("--train-rows") { Description = "Detector: the leading rows of each file it learns from (default: all but the --validation-fraction at the end)" };

    public Option<double> AlarmRatio { get; } = new("--alarm-ratio") { Description = "Reference detector: alarm when the recent error reaches this many times the largest recent error of the reference rows", DefaultValueFactory = _ => 2.0 };

    public Option<string?> ChangePoints { get; } = new Option<string?>("--change-points") { Description = "Detector: report change points of the prediction error's level (bench-skab's rule), on or off (default: on for reference, off for adaptive)" }.AcceptOnlyFromAmong("on", "off");

    public Option<string?> Cell { get; } = new Option<string?>("--cell") { Description = "Recurrent cell: lstm, gru, rnn (tanh) or rnn-relu (default: gru for a detector, lstm otherwise)" }.AcceptOnlyFromAmong("lstm", "gru", "rnn", "rnn-relu");

    public Option<int?> Hidden { get; } = new("--hidden") { Description = "Hidden units per layer (default: 32 for a detector, 64 otherwise)" };

    public Option<int?> Layers { get; } = new("--layers") { Description = "Stacked recurrent layers, 1 to 4 (default: 1 for a detector, 2 otherwise)" };

    public Option<int?> Window { get; } = new("--window") { Description = "Window length in steps, the truncated BPTT length (default: 32 for a detector, 64 otherwise)" };

    public Option<int?> Stride { get; } = new("--stride") { Description = "Steps between window starts (default: 4 for a detector, else window / 4; the window with --carry-state)" };

    public Option<bool> CarryState { get; } = new("--carry-state") { Description = "Carry the state across consecutive windows (stride = window) instead of independent windows", DefaultValueFactory = _ => false };

    public Option<bool> Bidirectional { get; } = new("--bidirectional") { Description = "Bidirectional layers (--task classify or label): each layer also reads every window backward; the model then runs whole windows of --window samples, not single steps", DefaultValueFactory = _ => false };

    public Option<int> Embedding { get; } = new("--embedding") { Description = "Text task: a learned embedding of this many values per character in front of the first layer, instead of one-hot inputs (0: one-hot)", DefaultValueFactory = _ => 0 };

    public Option<int> BurnIn { get; } = new("--burn-in") { Description = "First steps of each window left out of the loss", DefaultValueFactory = _ => 0 };

    public Option<int?> Batch { get; } = new("--batch") { Description = "Windows per mini-batch (default: 16 for a detector, 32 otherwise)" };

    public Option<int?> Epochs { get; } = new("--epochs") { Description = "Most epochs to train (default: 30 for a detector, every one of them; 20 otherwise)" };

    public Option<double?> LearningRate { get; } = new("--lr") { Description = "Learning rate (default: 0.003 for a detector, 0.001 otherwise)" };

    public Option<double> Clip { get; } = new("--clip") { Description = "Gradient global L2-norm limit; 0 = off", DefaultValueFactory = _ => 1.0 };

    public Option<double> Dropout { get; } = new("--dropout") { Description = "Dropout between recurrent layers, in [0, 1)", DefaultValueFactory = _ => 0.0 };

    public Option<double> WeightDecay { get; } = new("--weight-decay") { Description = "Weight decay (L2 for adam and sgd, decoupled for adamw)", DefaultValueFactory = _ => 0.0 };

    public Option<string> Optimizer { get; } = new Option<string>("--optimizer") { Description = "adam, adamw or sgd (momentum 0.9)", DefaultValueFactory = _ => "adam" }.AcceptOnlyFromAmong("adam", "adamw", "sgd");

    public Option<string> Schedule { get; } = new Option<string>("--schedule") { Description = "Learning-rate schedule: constant, cosine, step (×0.1 every 10 epochs) or plateau (×0.1 after 3 flat epochs)", DefaultValueFactory = _ => "constant" }.AcceptOnlyFromAmong("constant", "cosine", "step", "plateau");

    public Option<int> Patience { get; } = new("--patience") { Description = "Stop after this many epochs without a better validation loss and keep the best weights; 0 = never", DefaultValueFactory = _ => 10 };

    public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of initialisation, shuffling and dropout (same seed, same model bytes)", DefaultValueFactory = _ => 1UL };

    public Option<int> Threads { get; } = new("--threads") { Description = "Training threads; 0 = every core (does not change the result)", DefaultValueFactory = _ => 0 };

    public Option<string?> Quantize { get; } = new Option<string?>("--quantize") { Description = "Weights of the written model: int8 or none, float32 (default: none for a detector; otherwise int8 from --hidden 64 up, none below, where int8 steps no faster: docs/step-benchmarks.md)" }.AcceptOnlyFromAmong("int8", "none");

    public Option<double> FalseAlarmsPerDay { get; } = new("--false-alarms-per-day") { Description = "Forecast: alarm threshold allowing this many alarm onsets per day on validation", DefaultValueFactory = _ => 1.0 };

    public Option<double?> AlarmQuantile { get; } = new("--alarm-quantile") { Description = "Forecast: alarm threshold at this quantile of validation scores instead, in (0, 1], e.g. 0.999" };

    public Option<int> ScoreLongWindow { get; } = new("--score-long-window") { Description = "Forecast: long rolling window of errors in steps; 0 = a quarter of the longest validation run, in [20, 1000]", DefaultValueFactory = _ => 0 };

    public Option<int> ScoreShortWindow { get; } = new("--score-short-window") { Description = "Forecast: short rolling window of errors in steps", DefaultValueFactory = _ => CalibrationOptions.DefaultShortWindow };

    public Option<double?> ValidationFraction { get; } = new("--validation-fraction") { Description = "Share of each file, at its end, kept for validation and calibration, in [0, 1) (default: 0.2; 0 for the reference detector, whose last quarter of the training rows is its reference)" };

    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from the checkpoint (--checkpoint)", DefaultValueFactory = _ => false };

    public Option<FileInfo?> Checkpoint { get; } = new("--checkpoint") { Description = "Checkpoint written after every epoch (default: the --out path + .ckpt)" };

    public IEnumerable<Option> All() =>
    [
        Data, Out, Columns, TimeColumn, TargetColumns, LabelColumn, Task, Horizon, Attention, TeacherForcing, ScheduledSampling, Detector, Ensemble, TrainRows, AlarmRatio, ChangePoints, Cell, Hidden, Layers, Window, Stride, CarryState, Bidirectional, Embedding, BurnIn,
        Batch, Epochs, LearningRate, Clip, Dropout, WeightDecay, Optimizer, Schedule, Patience, Seed, Threads, Quantize,
        FalseAlarmsPerDay, AlarmQuantile, ScoreLongWindow, ScoreShortWindow, ValidationFraction, Resume, Checkpoint,
    ];

    /// <summary>Reads the parsed values into the library's settings, which check the ranges.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public TrainSettings Read(ParseResult result)
    {
        var (attention, attentionSize) = ParseAttention(result.GetValue(Attention));
        var (sampling, samplingK) = ParseScheduledSampling(result.GetValue(ScheduledSampling));
        var options = new RnnTrainingOptions
        {
            Task = result.GetRequiredValue(Task) switch
            {
                "reconstruct" => ModelTask.Reconstruct,
                "classify" => ModelTask.Classify,
                "label" => ModelTask.Label,
                "text" => ModelTask.Text,
                _ => ModelTask.Forecast,
            },
            Detector = result.GetRequiredValue(Detector) switch
            {
                "adaptive" => DetectorKind.Adaptive,
                "simple" => DetectorKind.Simple,
                _ => DetectorKind.Reference,
            },
            Horizon = result.GetValue(Horizon),
            Attention = attention,
            AttentionSize = attentionSize,
            TeacherForcing = result.GetValue(TeacherForcing),
            ScheduledSampling = sampling,
            ScheduledSamplingK = samplingK,
            Columns = List(result.GetValue(Columns)),
            TargetColumns = List(result.GetValue(TargetColumns)),
            TimeColumn = result.GetValue(TimeColumn),
            LabelColumn = result.GetValue(LabelColumn),
            Ensemble = result.GetValue(Ensemble),
            TrainRows = result.GetValue(TrainRows),
            AlarmRatio = result.GetValue(AlarmRatio),
            ChangePoints = result.GetValue(ChangePoints) switch { "on" => true, "off" => false, _ => null },
            Cell = result.GetValue(Cell) switch { "gru" => CellKind.Gru, "rnn" => CellKind.RnnTanh, "rnn-relu" => CellKind.RnnRelu, "lstm" => CellKind.Lstm, _ => null },
            Hidden = result.GetValue(Hidden),
            Layers = result.GetValue(Layers),
            Window = result.GetValue(Window),
            Stride = result.GetValue(Stride),
            CarryState = result.GetValue(CarryState),
            Bidirectional = result.GetValue(Bidirectional),
            Embedding = result.GetValue(Embedding),
            BurnIn = result.GetValue(BurnIn),
            Batch = result.GetValue(Batch),
            Epochs = result.GetValue(Epochs),
            LearningRate = result.GetValue(LearningRate),
            Clip = result.GetValue(Clip),
            Dropout = result.GetValue(Dropout),
            WeightDecay = result.GetValue(WeightDecay),
            Optimizer = result.GetRequiredValue(Optimizer) switch { "adamw" => OptimizerKind.AdamW, "sgd" => OptimizerKind.Sgd, _ => OptimizerKind.Adam },
            Schedule = result.GetRequiredValue(Schedule) switch { "cosine" => ScheduleKind.Cosine, "step" => ScheduleKind.Step, "plateau" => ScheduleKind.Plateau, _ => ScheduleKind.Constant },
            Patience = result.GetValue(Patience),
            Seed = result.GetValue(Seed),
            Threads = result.GetValue(Threads),
            Quantize = result.GetValue(Quantize) is { } q ? q == "int8" : null,
            FalseAlarmsPerDay = result.GetValue(FalseAlarmsPerDay),
            AlarmQuantile = result.GetValue(AlarmQuantile),
            ScoreLongWindow = result.GetValue(ScoreLongWindow),
            ScoreShortWindow = result.GetValue(ScoreShortWindow),
            ValidationFraction = result.GetValue(ValidationFraction),
            Resume = result.GetValue(Resume),
            CheckpointPath = result.GetValue(Checkpoint)?.FullName,
        };
        return TrainSettings.Create(result.GetRequiredValue(Data), result.GetRequiredValue(Out).FullName, options);
    }

    /// <summary>--attention none|dot|general|additive[:A].</summary>
    private static (AttentionKind Kind, int? Size) ParseAttention(string? text)
    {
        if (text is null)
        {
            return (AttentionKind.None, null);
        }

        string[] parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        var kind = parts[0] switch
        {
            "none" => AttentionKind.None,
            "dot" => AttentionKind.Dot,
            "general" => AttentionKind.General,
            "additive" => AttentionKind.Additive,
            _ => throw new ArgumentException($"--attention: expected none, dot, general or additive[:A]; found '{text}'."),
        };
        if (parts.Length == 1)
        {
            return (kind, null);
        }

        if (!int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size) || kind != AttentionKind.Additive)
        {
            throw new ArgumentException($"--attention: expected a whole width after additive: (additive:16); found '{text}'.");
        }

        return (kind, size);
    }

    /// <summary>--scheduled-sampling linear|inverse-sigmoid:k.</summary>
    private static (ScheduledSampling Kind, double K) ParseScheduledSampling(string? text)
    {
        if (text is null)
        {
            return (EdgeRnn.Training.ScheduledSampling.None, 0);
        }

        if (text == "linear")
        {
            return (EdgeRnn.Training.ScheduledSampling.Linear, 0);
        }

        const string prefix = "inverse-sigmoid:";
        if (text.StartsWith(prefix, StringComparison.Ordinal)
            && double.TryParse(text[prefix.Length..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double k))
        {
            return (EdgeRnn.Training.ScheduledSampling.InverseSigmoid, k);
        }

        throw new ArgumentException($"--scheduled-sampling: expected linear or inverse-sigmoid:k (e.g. inverse-sigmoid:8); found '{text}'.");
    }

    private static string[]? List(string? text) =>
        text is null ? null : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
