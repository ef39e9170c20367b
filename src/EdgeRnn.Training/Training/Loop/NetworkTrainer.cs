using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training.Engine;
using EdgeRnn.Training.Training.Optimization;

namespace EdgeRnn.Training.Training.Loop;

/// <summary>
/// Trains a <see cref="NetworkShape"/> on windows: shuffled mini-batches (or carried-state lanes), data-parallel BPTT,
/// clipping, the optimiser and schedule, validation after every epoch, early stopping that keeps the best weights, a
/// checkpoint after every epoch. Deterministic for a given seed and chunk size, whatever the thread count.
/// </summary>
internal sealed partial class NetworkTrainer
{
    private readonly List<EpochRecord> _history = [];
    private Optimizer? _optimizer;
    private float[][]? _restoredOptimizerState;
    private OptimizerKind _restoredOptimizerKind;
    private long _restoredOptimizerSteps;
    private (double Rate, double Best, int Bad)? _restoredSchedule;

    public NetworkTrainer(NetworkShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        Layout = new ParameterLayout(shape);
    }

    public NetworkShape Shape { get; }

    public ParameterLayout Layout { get; }

    /// <summary>The network being trained; null until <see cref="Initialize"/> or the first <see cref="Fit"/>.</summary>
    public SequenceNetwork<float>? Network { get; private set; }

    public int EpochsCompleted { get; private set; }

    public float[]? BestParameters { get; private set; }

    public int BestEpoch { get; private set; }

    public double BestValidationLoss { get; private set; } = double.PositiveInfinity;

    public int EpochsWithoutImprovement { get; private set; }

    public IReadOnlyList<EpochRecord> History => _history;

    /// <summary>Sets fresh initial weights from <paramref name="seed"/> (see <see cref="ParameterInitializer"/>).</summary>
    public void Initialize(ulong seed, InitializationKind kind = InitializationKind.GlorotOrthogonal) =>
        Network = new SequenceNetwork<float>(
            Layout,
            kind == InitializationKind.PyTorchDefault ? ParameterInitializer.InitializeLikePyTorch(Layout, seed) : ParameterInitializer.Initialize(Layout, seed));

    /// <summary>
    /// Trains up to <see cref="TrainerOptions.Epochs"/> epochs in total (a resumed trainer continues from
    /// <see cref="EpochsCompleted"/>). Cancellation stops after the current batch; the result then holds the best weights of
    /// the epochs completed. The network is left holding the best weights.
    /// </summary>
    public TrainingResult Fit(WindowSet train, WindowSet? validation, TrainerOptions options, Action<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        CheckWindows(train, options, "training");
        if (validation is not null)
        {
            CheckWindows(validation, options, "validation");
        }

        if (Network is null)
        {
            Initialize(options.Seed, options.Initialization);
        }

        var network = Network!;
        var engine = new GradientEngine<float>(network, options.ChunkSize, options.Threads);
        var optimizer = PrepareOptimizer(options);
        var schedule = new LearningRateSchedule(options.Schedule, options.LearningRate, options.Epochs, options.ScheduleGamma, options.ScheduleStepEpochs, options.SchedulePatience);
        if (_restoredSchedule is { } saved)
        {
            (schedule.PlateauRate, schedule.BestLoss, schedule.BadEpochs) = saved;
        }

        var stop = StopReason.Completed;
        while (EpochsCompleted < options.Epochs && stop == StopReason.Completed)
        {
            int epoch = EpochsCompleted;
            double rate = schedule.RateFor(epoch);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var (trainLoss, windowsPerSecond, epochStop) = TrainEpoch(engine, optimizer, train, options, epoch, rate, progress, cancellationToken);
            if (epochStop != StopReason.Completed)
            {
                stop = epochStop;
                break;
            }

            double validationLoss = validation is null ? double.NaN : Evaluate(engine, validation, options);
            var record = new EpochRecord(epoch + 1, trainLoss, validationLoss, rate, windowsPerSecond, started.Elapsed.TotalSeconds);
            _history.Add(record);
            TrackBest(validationLoss, epoch + 1, options);
            schedule.Observe(validationLoss);
            _restoredSchedule = (schedule.PlateauRate, schedule.BestLoss, schedule.BadEpochs);
            EpochsCompleted = epoch + 1;
            if (options.CheckpointPath is not null)
            {
                SaveCheckpoint(options.CheckpointPath);
            }

            progress?.Invoke(new TrainingProgress(epoch + 1, options.Epochs, 0, 0, trainLoss, windowsPerSecond, record));
            if (options.EarlyStoppingPatience > 0 && EpochsWithoutImprovement >= options.EarlyStoppingPatience)
            {
                stop = StopReason.EarlyStopped;
            }
        }

        BestParameters ??= (float[])network.Parameters.Clone();
        BestParameters.CopyTo(network.Parameters, 0);
        network.Refresh();
        return new TrainingResult(Shape, (float[])BestParameters.Clone(), BestEpoch, BestValidationLoss, [.. _history], stop);
    }

    /// <summary>The best weights so far (or the current ones before any epoch) as the runtime's float32 model.</summary>
    public ModelDefinition ToModelDefinition(ChannelNormalization? inputNormalization = null, ChannelNormalization? outputNormalization = null, ModelMetadata? metadata = null)
    {
        var parameters = BestParameters ?? Network?.Parameters
            ?? throw new InvalidOperationException("Expected an initialised or trained network to export; call Initialize or Fit first.");
        return ModelExport.ToModelDefinition(Shape, parameters, inputNormalization, outputNormalization, metadata);
    }

    private void TrackBest(double validationLoss, int epoch, TrainerOptions options)
    {
        // Without validation windows the latest epoch counts as the best.
        bool improved = double.IsNaN(validationLoss) || validationLoss < BestValidationLoss - options.EarlyStoppingMinDelta;
        if (improved)
        {
            BestParameters = (float[])Network!.Parameters.Clone();
            BestEpoch = epoch;
            BestValidationLoss = validationLoss;
            EpochsWithoutImprovement = 0;
        }
        else
        {
            EpochsWithoutImprovement++;
        }
    }

    private Optimizer PrepareOptimizer(TrainerOptions options)
    {
        if (_optimizer is not null)
        {
            return _optimizer;
        }

        int count = Layout.Count;
        _optimizer = options.Optimizer switch
        {
            OptimizerKind.Sgd => new SgdOptimizer(count, options.Momentum, options.WeightDecay),
            OptimizerKind.AdamW => new AdamOptimizer(count, options.WeightDecay, decoupled: true),
            _ => new AdamOptimizer(count, options.WeightDecay),
        };
        if (_restoredOptimizerState is not null)
        {
            if (_restoredOptimizerKind != options.Optimizer)
            {
                throw new ArgumentException($"Expected the optimiser the checkpoint was trained with ({_restoredOptimizerKind}); found {options.Optimizer}.", nameof(options));
            }

            for (int i = 0; i < _restoredOptimizerState.Length; i++)
            {
                _restoredOptimizerState[i].CopyTo(_optimizer.State[i], 0);
            }

            _optimizer.RestoreSteps(_restoredOptimizerSteps);
            _restoredOptimizerState = null;
        }

        _restoredOptimizerKind = options.Optimizer;
        return _optimizer;
    }

    private void CheckWindows(WindowSet windows, TrainerOptions options, string what)
    {
        if (windows.Count == 0)
        {
            throw new ArgumentException($"Expected at least one {what} window; found none.");
        }

        if (options.BurnInSteps >= windows.Steps && options.Loss != LossKind.CrossEntropyLastStep)
        {
            throw new ArgumentException($"Expected fewer burn-in steps than the {windows.Steps} steps of a {what} window; found {options.BurnInSteps}.");
        }

        if (windows.InputSize != Shape.InputSize || windows.OutputSize != Shape.OutputSize)
        {
            throw new ArgumentException($"Expected {what} windows with {Shape.InputSize} inputs and {Shape.OutputSize} outputs; found {windows.InputSize} and {windows.OutputSize}.");
        }

        bool regression = options.Loss == LossKind.MeanSquaredError;
        if (regression != (windows.Targets is not null))
        {
            throw new ArgumentException($"Expected {what} windows with {(regression ? "targets" : "labels")} for {options.Loss}.");
        }

        int expectedLabels = options.Loss == LossKind.CrossEntropyLastStep ? windows.Count : windows.Count * windows.Steps;
        if (!regression && windows.Labels!.Length != expectedLabels)
        {
            throw new ArgumentException($"Expected {expectedLabels} {what} labels for {options.Loss}; found {windows.Labels.Length}.");
        }
    }
}
