using System.Runtime.InteropServices;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Engine;
using EdgeRnn.Training.Training.Loop;

namespace EdgeRnn.Trainer.Tests.Training;

public sealed class DeterminismTests
{
    [Fact]
    public void ComputeGradient_OneThreadVersusFour_IdenticalBytes()
    {
        var shape = new NetworkShape(CellKind.Lstm, 4, 16, 2, 3);
        var layout = new ParameterLayout(shape);
        var random = new DeterministicRandom(9);
        var parameters = TestData.RandomValues<float>(layout.Count, 0.3, ref random);
        var batch = TestData.RandomBatch<float>(shape, count: 29, steps: 12, LossKind.MeanSquaredError, withStates: true, withMask: false, ref random);
        var options = new BpttOptions(LossKind.MeanSquaredError, BurnInSteps: 2, DropoutRate: 0.2, DropoutSeed: 5);

        var single = new GradientEngine<float>(new SequenceNetwork<float>(layout, (float[])parameters.Clone()), chunkSize: 4, threads: 1);
        var parallel = new GradientEngine<float>(new SequenceNetwork<float>(layout, (float[])parameters.Clone()), chunkSize: 4, threads: 4);
        double lossSingle = single.ComputeGradient(batch, options);
        double lossParallel = parallel.ComputeGradient(batch, options);

        Assert.Equal(BitConverter.DoubleToInt64Bits(lossSingle), BitConverter.DoubleToInt64Bits(lossParallel));
        Assert.Equal(MemoryMarshal.AsBytes(single.Gradient.AsSpan()).ToArray(), MemoryMarshal.AsBytes(parallel.Gradient.AsSpan()).ToArray());
    }

    [Fact]
    public void Fit_TwoRunsSameSeed_IdenticalParameterBytes()
    {
        var first = Train(threads: 2, seed: 3);
        var second = Train(threads: 2, seed: 3);
        Assert.Equal(Bytes(first.BestParameters), Bytes(second.BestParameters));
        Assert.Equal(first.History.Select(h => h.TrainLoss), second.History.Select(h => h.TrainLoss));
    }

    [Fact]
    public void Fit_OneThreadVersusTwo_IdenticalParameterBytes()
    {
        Assert.Equal(Bytes(Train(threads: 1, seed: 4).BestParameters), Bytes(Train(threads: 2, seed: 4).BestParameters));
    }

    [Fact]
    public void Fit_OtherSeed_OtherParameters()
    {
        Assert.NotEqual(Bytes(Train(threads: 2, seed: 4).BestParameters), Bytes(Train(threads: 2, seed: 5).BestParameters));
    }

    internal static TrainingResult Train(int threads, ulong seed, TrainerOptions? options = null, WindowSet? train = null)
    {
        var (trainSet, validation) = TrainingData.SineWindows(windows: 40, steps: 12);
        var trainer = new NetworkTrainer(new NetworkShape(CellKind.Gru, 2, 8, 2, 2));
        return trainer.Fit(train ?? trainSet, validation, (options ?? new TrainerOptions { Epochs = 3, BatchSize = 8, Dropout = 0.1, LearningRate = 0.01 }) with { Threads = threads, Seed = seed, ChunkSize = 2 });
    }

    private static byte[] Bytes(float[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
