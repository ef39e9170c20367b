using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Calibration;
using EdgeRnn.Training.Data;
using EdgeRnn.Training.Evaluation.Detector;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Loop;

namespace EdgeRnn.Training.Runs;

internal sealed partial record TrainSettings
{
    /// <summary>
    /// The smallest hidden size whose default weights are int8: below it int8 steps no faster than float32 (x64
    /// measured, a Pi 4's A72 estimated) or barely (a Pi 5's A76 estimated), and the float weights are small anyway.
    /// docs/step-benchmarks.md has the figures.
    /// </summary>
    public const int Int8MinimumHidden = 64;

    /// <summary>
    /// The settings of a run over <paramref name="data"/>: each null option takes the default of the chosen detector;
    /// checks the ranges that the engine would otherwise report less clearly.
    /// </summary>
    /// <param name="data">CSV files, folders or globs.</param>
    /// <param name="output">The model file to write; null: none (and no checkpoint unless the options name one).</param>
    /// <param name="o">The options.</param>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public static TrainSettings Create(IReadOnlyList<string> data, string? output, RnnTrainingOptions o)
    {
        var task = o.Task;
        bool encoderDecoder = task == ModelTask.Reconstruct || o.Horizon > 1;
        var detector = task != ModelTask.Forecast || encoderDecoder ? DetectorKind.Simple : o.Detector;
        bool isDetector = detector != DetectorKind.Simple;
        var preset = detector == DetectorKind.Reference ? SkabBenchmark.Configuration(false) : DetectorConfiguration.Default;
        int window = o.Window ?? (isDetector ? preset.WindowSteps : 64);
        int hidden = o.Hidden ?? (isDetector ? preset.HiddenSize : 64);
        int layers = o.Layers ?? (isDetector ? preset.Layers : 2);
        bool carry = o.CarryState;
        int stride = carry ? window : o.Stride ?? (isDetector ? preset.WindowStride : Math.Max(1, window / 4));
        Require(window >= 1, $"--window: expected at least 1 step; found {window}.");
        Require(hidden is >= 1 and <= ModelDefinition.MaxWidth, $"--hidden: expected 1 to {ModelDefinition.MaxWidth} units; found {hidden}.");
        Require(layers is >= 1 and <= ModelDefinition.MaxLayers, $"--layers: expected 1 to {ModelDefinition.MaxLayers} layers; found {layers}.");
        Require(o.Ensemble is >= 1 and < ModelDefinition.MaxEnsemble, $"--ensemble: expected 1 to {ModelDefinition.MaxEnsemble - 1} forecasters; found {o.Ensemble}.");
        Require(o.TrainRows is null or >= 4, $"--train-rows: expected at least 4 rows; found {o.TrainRows}.");
        Require(!isDetector || !o.Resume, "--resume: a detector's ensemble trains in one go without checkpoints; resume applies to --detector simple.");
        Require(o.AlarmRatio is > 1 and < double.PositiveInfinity, $"--alarm-ratio: expected a finite ratio above 1; found {o.AlarmRatio}.");
        Require(stride >= 1, $"--stride: expected at least 1 step; found {stride}.");
        Require(!o.Bidirectional || task is ModelTask.Classify or ModelTask.Label, $"--bidirectional: expected --task classify or label, whose windows are whole (a bidirectional layer reads each window backward too, so it cannot forecast or step one sample at a time); found --task {task.ToString().ToLowerInvariant()}.");
        Require(!o.Bidirectional || !carry, "--bidirectional: a bidirectional layer reads each window from both ends and cannot carry its state; drop --carry-state.");
        Require(o.Embedding == 0 || task == ModelTask.Text, $"--embedding: expected --task text, whose inputs are characters (tokens); found --task {task.ToString().ToLowerInvariant()}.");
        Require(o.Embedding is >= 0 and <= ModelDefinition.MaxWidth, $"--embedding: expected 1 to {ModelDefinition.MaxWidth} values per token (0 for one-hot inputs); found {o.Embedding}.");
        Require(!carry || o.Stride is null || o.Stride == window, "--carry-state: expected no --stride or --stride equal to --window (carried windows follow each other).");
        var checkpoint = o.CheckpointPath ?? (output is null ? null : output + ".ckpt");
        var trainer = new TrainerOptions
        {
            Loss = DataWindows.LossFor(task == ModelTask.Reconstruct ? ModelTask.Forecast : task),
            Epochs = o.Epochs ?? (isDetector ? preset.Epochs : 20),
            BatchSize = o.Batch ?? (isDetector ? preset.BatchSize : 32),
            LearningRate = o.LearningRate ?? (isDetector ? preset.LearningRate : 1e-3),
            Optimizer = o.Optimizer,
            Schedule = o.Schedule,
            ClipNorm = o.Clip,
            Dropout = o.Dropout,
            WeightDecay = o.WeightDecay,
            EarlyStoppingPatience = o.Patience,
            Seed = o.Seed,
            Threads = o.Threads,
            BurnInSteps = o.BurnIn,
            CarryState = carry,
            CheckpointPath = checkpoint,
        };
        try
        {
            trainer.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"{e.ParamName}: {e.Message.Split(" (Parameter")[0]}", e);
        }

        var calibration = new CalibrationOptions
        {
            FalseAlarmsPerDay = o.FalseAlarmsPerDay,
            AlarmQuantile = o.AlarmQuantile,
            LongWindow = o.ScoreLongWindow,
            ShortWindow = o.ScoreShortWindow,
        };
        try
        {
            calibration.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"{e.ParamName}: {e.Message.Split(" (Parameter")[0]}", e);
        }

        var cell = o.Cell ?? (isDetector ? preset.Cell : CellKind.Lstm);
        var decoder = Seq2SeqSettings.Create(o, window, hidden, cell);
        (bool quantize, string weightsReason) = o.Quantize is { } q
            ? (q, "--quantize")
            : isDetector
                ? (false, "a detector's default")
                : hidden >= Int8MinimumHidden
                    ? (true, $"the default from hidden {Int8MinimumHidden} up, where int8 steps faster")
                    : (false, $"the default below hidden {Int8MinimumHidden}, where int8 steps no faster");
        return new TrainSettings
        {
            Data = data,
            Output = output,
            DataOptions = new DataOptions
            {
                Task = task == ModelTask.Reconstruct ? ModelTask.Forecast : task,
                Columns = o.Columns?.ToArray(),
                TargetColumns = o.TargetColumns?.ToArray(),
                TimeColumn = o.TimeColumn,
                LabelColumn = o.LabelColumn,
                ValidationFraction = o.ValidationFraction ?? (detector == DetectorKind.Reference ? 0 : ModelData.DefaultValidationFraction),
            },
            TrainerOptions = trainer,
            Calibration = calibration,
            Cell = cell,
            Hidden = hidden,
            Layers = layers,
            Window = window,
            Stride = stride,
            Quantize = quantize,
            WeightsReason = weightsReason,
            Detector = detector,
            TrainRows = o.TrainRows,
            AlarmRatio = o.AlarmRatio,
            DetectorConfiguration = !isDetector ? null : preset with
            {
                Cell = cell,
                HiddenSize = hidden,
                Layers = layers,
                WindowSteps = window,
                WindowStride = stride,
                Epochs = trainer.Epochs,
                BatchSize = trainer.BatchSize,
                LearningRate = trainer.LearningRate,
                Seed = trainer.Seed,
                EnsembleSize = o.Ensemble,
                ChangePoints = o.ChangePoints switch
                {
                    true => SkabBenchmark.Configuration(false).ChangePoints,
                    false => null,
                    null => preset.ChangePoints,
                },
                Int8 = quantize,
            },
            CheckpointPath = checkpoint,
            Resume = o.Resume,
            Bidirectional = o.Bidirectional,
            Embedding = o.Embedding,
            Decoder = decoder,
        };
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
