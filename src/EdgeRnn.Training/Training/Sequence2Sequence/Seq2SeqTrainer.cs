using System.Diagnostics;
using EdgeRnn.Training.Training.Engine.Sequence2Sequence;
using EdgeRnn.Training.Training.Loop;
using EdgeRnn.Training.Training.Optimization;

namespace EdgeRnn.Training.Training.Sequence2Sequence;

/// <summary>
/// Trains an encoder–decoder on windows the way <see cref="NetworkTrainer"/> trains a sequence network (seeded shuffled
/// mini-batches, data-parallel BPTT, clipping, the optimiser and schedule, early stopping that keeps the best weights),
/// with a teacher mask drawn per window and decoder step from the run's seed at the epoch's ε. The validation loss is
/// always measured free-running (every step fed its own output), as inference runs. Deterministic for a seed and chunk
/// size whatever the thread count.
/// </summary>
internal sealed class Seq2SeqTrainer
{
    private readonly List<EpochRecord> _history = [];

    public Seq2SeqTrainer(Seq2SeqShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        Layout = new Seq2SeqLayout(shape);
    }

    public Seq2SeqShape Shape { get; }

    public Seq2SeqLayout Layout { get; }

    /// <summary>The network being trained; null until <see cref="Initialize"/> or <see cref="Fit"/>.</summary>
    public Seq2SeqNetwork<float>? Network { get; private set; }

    public IReadOnlyList<EpochRecord> History => _history;

    /// <summary>Sets fresh initial weights from <paramref name="seed"/> (see <see cref="Seq2SeqInitializer"/>).</summary>
    public void Initialize(ulong seed) => Network = new Seq2SeqNetwork<float>(Layout, Seq2SeqInitializer.Initialize(Layout, seed));

    /// <summary>Trains up to <see cref="TrainerOptions.Epochs"/> epochs; leaves the network holding the best weights.</summary>
    public Seq2SeqResult Fit(
        Seq2SeqWindowSet train, Seq2SeqWindowSet? validation, TrainerOptions options, TeacherForcing teacher,
        Action<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Check(train, "training");
        if (validation is not null)
        {
            Check(validation, "validation");
        }

        if (Network is null)
        {
            Initialize(options.Seed);
        }

        var network = Network!;
        var engine = new Seq2SeqEngine<float>(network, options.ChunkSize, options.Threads);
        var optimizer = CreateOptimizer(options);
        var schedule = new LearningRateSchedule(options.Schedule, options.LearningRate, options.Epochs, options.ScheduleGamma, options.ScheduleStepEpochs, options.SchedulePatience);
        var assembler = new Seq2SeqBatchAssembler(train, options.BatchSize);
        float[]? best = null;
        int bestEpoch = 0, bad = 0;
        double bestLoss = double.PositiveInfinity;
        var stop = StopReason.Completed;
        for (int epoch = 0; epoch < options.Epochs && stop == StopReason.Completed; epoch++)
        {
            double rate = schedule.RateFor(epoch);
            double epsilon = teacher.Probability(epoch, options.Epochs);
            var clock = Stopwatch.StartNew();
            var plan = BatchPlan.Shuffled(train.Count, options.BatchSize, new DeterministicRandom(options.Seed, 0x5EED0000UL + (ulong)epoch));
            double lossSum = 0;
            int windows = 0;
            for (int b = 0; b < plan.Batches && stop == StopReason.Completed; b++)
            {
                var indices = plan.Windows(b);
                var batch = assembler.Assemble(indices, epsilon, options.Seed, epoch, b);
                double loss = engine.ComputeGradient(batch);
                if (!double.IsFinite(loss))
                {
                    stop = StopReason.Diverged;
                    break;
                }

                if (options.ClipNorm > 0)
                {
                    GradientClipping.ClipGlobalNorm(engine.Gradient, options.ClipNorm);
                }

                optimizer.Step(network.Parameters, engine.Gradient, rate);
                network.Refresh();
                lossSum += loss;
                windows += indices.Length;
                progress?.Invoke(new TrainingProgress(epoch + 1, options.Epochs, b + 1, plan.Batches, lossSum / (b + 1), windows / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), null));
                if (cancellationToken.IsCancellationRequested)
                {
                    stop = StopReason.Cancelled;
                }
            }

            if (stop != StopReason.Completed)
            {
                break;
            }

            double perSecond = windows / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            double validationLoss = validation is null ? double.NaN : EvaluateWith(engine, validation, options, null);
            var record = new EpochRecord(epoch + 1, lossSum / Math.Max(1, plan.Batches), validationLoss, rate, perSecond, clock.Elapsed.TotalSeconds);
            _history.Add(record);
            if (double.IsNaN(validationLoss) || validationLoss < bestLoss - options.EarlyStoppingMinDelta)
            {
                best = (float[])network.Parameters.Clone();
                bestEpoch = epoch + 1;
                bestLoss = validationLoss;
                bad = 0;
            }
            else
            {
                bad++;
            }

            schedule.Observe(validationLoss);
            progress?.Invoke(new TrainingProgress(epoch + 1, options.Epochs, 0, 0, record.TrainLoss, perSecond, record));
            if (options.EarlyStoppingPatience > 0 && bad >= options.EarlyStoppingPatience)
            {
                stop = StopReason.EarlyStopped;
            }
        }

        best ??= (float[])network.Parameters.Clone();
        best.CopyTo(network.Parameters, 0);
        network.Refresh();
        return new Seq2SeqResult(Shape, (float[])best.Clone(), bestEpoch, bestLoss, [.. _history], stop);
    }

    /// <summary>The current network's free-running mean squared error over <paramref name="windows"/>.</summary>
    public double Evaluate(Seq2SeqWindowSet windows, TrainerOptions options, float[]? outputs = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var network = Network ?? throw new InvalidOperationException("Expected an initialised or trained network; call Initialize or Fit first.");
        return EvaluateWith(new Seq2SeqEngine<float>(network, options.ChunkSize, options.Threads), windows, options, outputs);
    }

    /// <summary>
    /// The free-running mean squared error over every output of <paramref name="windows"/>; writes the outputs
    /// ([count, horizon, out], normalised) into <paramref name="outputs"/> when given.
    /// </summary>
    private static double EvaluateWith(Seq2SeqEngine<float> engine, Seq2SeqWindowSet windows, TrainerOptions options, float[]? outputs)
    {
        ArgumentNullException.ThrowIfNull(windows);
        int batchSize = Math.Max(options.ValidationBatchSize, options.BatchSize);
        var assembler = new Seq2SeqBatchAssembler(windows, batchSize);
        var plan = BatchPlan.InOrder(windows.Count, batchSize);
        var batchOutputs = outputs is null ? null : new float[batchSize * windows.Horizon * windows.OutputSize];
        double total = 0;
        for (int b = 0; b < plan.Batches; b++)
        {
            var indices = plan.Windows(b);
            var batch = assembler.Assemble(indices, 0, 0, 0, 0);
            total += engine.Evaluate(batch, batchOutputs) * indices.Length;
            if (outputs is not null)
            {
                int width = windows.Horizon * windows.OutputSize;
                batchOutputs.AsSpan(0, indices.Length * width).CopyTo(outputs.AsSpan(indices[0] * width));
            }
        }

        return windows.Count == 0 ? double.NaN : total / windows.Count;
    }

    private void Check(Seq2SeqWindowSet windows, string what)
    {
        if (windows.Count == 0)
        {
            throw new ArgumentException($"Expected at least one {what} window; found none.");
        }

        if (windows.InputSize != Shape.InputSize || windows.OutputSize != Shape.OutputSize || windows.Horizon != Shape.Horizon)
        {
            throw new ArgumentException($"Expected {what} windows with {Shape.InputSize} inputs, {Shape.OutputSize} outputs and horizon {Shape.Horizon}; found {windows.InputSize}, {windows.OutputSize} and {windows.Horizon}.");
        }
    }

    private Optimizer CreateOptimizer(TrainerOptions options) => options.Optimizer switch
    {
        OptimizerKind.Sgd => new SgdOptimizer(Layout.Count, options.Momentum, options.WeightDecay),
        OptimizerKind.AdamW => new AdamOptimizer(Layout.Count, options.WeightDecay, decoupled: true),
        _ => new AdamOptimizer(Layout.Count, options.WeightDecay),
    };
}

/// <summary>What <see cref="Seq2SeqTrainer.Fit"/> returns: the best weights (lowest free-running validation loss, or the last without validation) and the history.</summary>
internal sealed record Seq2SeqResult(Seq2SeqShape Shape, float[] BestParameters, int BestEpoch, double BestValidationLoss, IReadOnlyList<EpochRecord> History, StopReason Stop);
