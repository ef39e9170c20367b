using EdgeRnn.Training.Training.Engine;
using EdgeRnn.Training.Training.Optimization;

namespace EdgeRnn.Training.Training.Loop;

/// <summary>The optimiser family.</summary>
internal enum OptimizerKind
{
    /// <summary>Adam; weight decay as an L2 term in the gradient.</summary>
    Adam = 0,

    /// <summary>AdamW; decoupled weight decay.</summary>
    AdamW = 1,

    /// <summary>SGD with momentum.</summary>
    Sgd = 2,
}

/// <summary>How the weights start.</summary>
internal enum InitializationKind
{
    /// <summary>Glorot-uniform input weights, orthogonal recurrent weights, forget-gate bias 1 (see <see cref="ParameterInitializer"/>).</summary>
    GlorotOrthogonal = 0,

    /// <summary>PyTorch's defaults, U(±1/√H) everywhere.</summary>
    PyTorchDefault = 1,
}

/// <summary>Everything <see cref="NetworkTrainer.Fit"/> needs besides the data. Defaults follow PyTorch's and Keras' usual choices.</summary>
internal sealed record TrainerOptions
{
    public LossKind Loss { get; init; } = LossKind.MeanSquaredError;

    public int Epochs { get; init; } = 20;

    public int BatchSize { get; init; } = 32;

    public double LearningRate { get; init; } = 1e-3;

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    public double WeightDecay { get; init; }

    /// <summary>Global gradient L2-norm limit; 0 turns clipping off.</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>Inverted dropout between recurrent layers, in [0, 1).</summary>
    public double Dropout { get; init; }

    public ulong Seed { get; init; } = 1;

    public InitializationKind Initialization { get; init; } = InitializationKind.GlorotOrthogonal;

    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    /// <summary>γ for the step and plateau schedules.</summary>
    public double ScheduleGamma { get; init; } = 0.1;

    /// <summary>Epochs between reductions for the step schedule.</summary>
    public int ScheduleStepEpochs { get; init; } = 10;

    /// <summary>Epochs without improvement before the plateau schedule reduces the rate.</summary>
    public int SchedulePatience { get; init; } = 3;

    /// <summary>The first steps of each window excluded from the loss (independent windows with burn-in).</summary>
    public int BurnInSteps { get; init; }

    /// <summary>Carry each window's final state into the next window of its stream (truncated BPTT over consecutive windows).</summary>
    public bool CarryState { get; init; }

    /// <summary>Stop after this many epochs without a better validation loss; 0 never stops early.</summary>
    public int EarlyStoppingPatience { get; init; } = 10;

    /// <summary>The smallest decrease of the validation loss that counts as an improvement.</summary>
    public double EarlyStoppingMinDelta { get; init; }

    /// <summary>Threads for the data-parallel gradient; 0 for every core. Does not change any result.</summary>
    public int Threads { get; init; }

    /// <summary>Windows per gradient chunk; part of the arithmetic, so keep it fixed for reproducible runs.</summary>
    public int ChunkSize { get; init; } = 8;

    /// <summary>Windows per validation batch (independent windows only).</summary>
    public int ValidationBatchSize { get; init; } = 256;

    /// <summary>Where to write a checkpoint after every epoch; null for none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Checks every value; throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    public void Validate()
    {
        static void Require(bool ok, string name, object value, string expected)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, value, $"Expected {expected}.");
            }
        }

        Require(Epochs >= 1, nameof(Epochs), Epochs, "at least 1 epoch");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "a batch size ≥ 1");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "a finite learning rate > 0");
        Require(Momentum is >= 0 and < 1, nameof(Momentum), Momentum, "a momentum in [0, 1)");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), nameof(WeightDecay), WeightDecay, "a finite weight decay ≥ 0");
        Require(ClipNorm >= 0 && double.IsFinite(ClipNorm), nameof(ClipNorm), ClipNorm, "a clip norm ≥ 0 (0 = off)");
        Require(Dropout is >= 0 and < 1, nameof(Dropout), Dropout, "a dropout rate in [0, 1)");
        Require(BurnInSteps >= 0, nameof(BurnInSteps), BurnInSteps, "burn-in steps ≥ 0");
        Require(EarlyStoppingPatience >= 0, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "a patience ≥ 0");
        Require(Threads >= 0, nameof(Threads), Threads, "a thread count ≥ 0 (0 = all cores)");
        Require(ChunkSize >= 1, nameof(ChunkSize), ChunkSize, "a chunk size ≥ 1");
        Require(ValidationBatchSize >= 1, nameof(ValidationBatchSize), ValidationBatchSize, "a validation batch size ≥ 1");
    }
}
