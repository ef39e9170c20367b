using System.Diagnostics;
using EdgeRnn.Training.Training.Engine;
using EdgeRnn.Training.Training.Optimization;

namespace EdgeRnn.Training.Training.Loop;

internal sealed partial class NetworkTrainer
{
    private (double Loss, double WindowsPerSecond, StopReason Stop) TrainEpoch(
        GradientEngine<float> engine, Optimizer optimizer, WindowSet train, TrainerOptions options, int epoch, double rate,
        Action<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var network = engine.Network;
        var plan = options.CarryState
            ? BatchPlan.Lanes(train, options.BatchSize)
            : BatchPlan.Shuffled(train.Count, options.BatchSize, new DeterministicRandom(options.Seed, 0x5EED0000UL + (ulong)epoch));
        var assembler = new BatchAssembler(train, options.BatchSize);
        var states = options.CarryState ? new RecurrentStates<float>(Shape, options.BatchSize) : null;
        var next = options.CarryState ? new RecurrentStates<float>(Shape, options.BatchSize) : null;
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        int windows = 0;
        for (int b = 0; b < plan.Batches; b++)
        {
            var indices = plan.Windows(b);
            if (states is not null)
            {
                ResetRows(states, plan, b, indices.Length);
            }

            var batch = assembler.Assemble(indices, states);
            ulong dropoutSeed = (options.Seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)epoch << 32) ^ (ulong)b;
            var bptt = new BpttOptions(options.Loss, options.BurnInSteps, options.Dropout, dropoutSeed);
            double loss = engine.ComputeGradient(batch, bptt, next);
            if (!double.IsFinite(loss))
            {
                return (loss, 0, StopReason.Diverged);
            }

            if (options.ClipNorm > 0)
            {
                GradientClipping.ClipGlobalNorm(engine.Gradient, options.ClipNorm);
            }

            optimizer.Step(network.Parameters, engine.Gradient, rate);
            network.Refresh();
            (states, next) = (next, states);
            lossSum += loss;
            windows += indices.Length;
            double perSecond = windows / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            progress?.Invoke(new TrainingProgress(epoch + 1, options.Epochs, b + 1, plan.Batches, lossSum / (b + 1), perSecond, null));
            if (cancellationToken.IsCancellationRequested)
            {
                return (lossSum / (b + 1), perSecond, StopReason.Cancelled);
            }
        }

        return (plan.Batches == 0 ? double.NaN : lossSum / plan.Batches, windows / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), StopReason.Completed);
    }

    /// <summary>The current network's mean loss over <paramref name="windows"/>, forward only.</summary>
    public double Evaluate(WindowSet windows, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var network = Network ?? throw new InvalidOperationException("Expected an initialised or trained network; call Initialize or Fit first.");
        return Evaluate(new GradientEngine<float>(network, options.ChunkSize, options.Threads), windows, options);
    }

    /// <summary>The mean loss over every counted term of <paramref name="windows"/>, forward only.</summary>
    public double Evaluate(GradientEngine<float> engine, WindowSet windows, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(options);
        int batchSize = options.CarryState ? options.BatchSize : Math.Max(options.ValidationBatchSize, options.BatchSize);
        var plan = options.CarryState ? BatchPlan.Lanes(windows, batchSize) : BatchPlan.InOrder(windows.Count, batchSize);
        var assembler = new BatchAssembler(windows, batchSize);
        var states = options.CarryState ? new RecurrentStates<float>(Shape, batchSize) : null;
        var next = options.CarryState ? new RecurrentStates<float>(Shape, batchSize) : null;
        var bptt = new BpttOptions(options.Loss, options.BurnInSteps);
        double total = 0;
        long terms = 0;
        for (int b = 0; b < plan.Batches; b++)
        {
            var indices = plan.Windows(b);
            if (states is not null)
            {
                ResetRows(states, plan, b, indices.Length);
            }

            var batch = assembler.Assemble(indices, states);
            int batchTerms = LossFunctions.CountTerms(batch, bptt, Shape.OutputSize);
            total += engine.Evaluate(batch, bptt, next) * batchTerms;
            terms += batchTerms;
            (states, next) = (next, states);
        }

        return terms == 0 ? double.NaN : total / terms;
    }

    private void ResetRows(RecurrentStates<float> states, BatchPlan plan, int batch, int rows)
    {
        int h = Shape.HiddenSize;
        for (int row = 0; row < rows; row++)
        {
            if (!plan.ResetRow(batch, row))
            {
                continue;
            }

            for (int l = 0; l < Shape.Layers; l++)
            {
                int offset = ((l * states.Count) + row) * h;
                states.Hidden.AsSpan(offset, h).Clear();
                if (states.Cell.Length > 0)
                {
                    states.Cell.AsSpan(offset, h).Clear();
                }
            }
        }
    }
}
