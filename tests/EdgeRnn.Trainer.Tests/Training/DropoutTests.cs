using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Engine;

namespace EdgeRnn.Trainer.Tests.Training;

public sealed class DropoutTests
{
    private static readonly NetworkShape Shape = new(CellKind.Lstm, 3, 32, 2, 2);

    [Fact]
    public void Run_Dropout_ZeroesAboutTheRateAndScalesTheRestInversely()
    {
        var (worker, network, batch) = Setup();
        worker.Run(network, batch, 0, batch.Count, new BpttOptions(LossKind.MeanSquaredError, DropoutRate: 0.25, DropoutSeed: 1), 1, null, null);

        var mask = worker.DropoutMask(0).ToArray();
        double zeros = mask.Count(m => m == 0) / (double)mask.Length;
        Assert.InRange(zeros, 0.22, 0.28);
        Assert.All(mask.Where(m => m != 0), m => Assert.Equal(1 / 0.75, m, 1e-12));
    }

    [Fact]
    public void Run_SameSeed_SameLossOtherSeedOtherLoss()
    {
        var (worker, network, batch) = Setup();
        double Loss(ulong seed, double rate) => worker.Run(network, batch, 0, batch.Count, new BpttOptions(LossKind.MeanSquaredError, DropoutRate: rate, DropoutSeed: seed), 100, null, null);

        Assert.Equal(Loss(1, 0.3), Loss(1, 0.3));
        Assert.NotEqual(Loss(1, 0.3), Loss(2, 0.3));
        Assert.NotEqual(Loss(1, 0.3), Loss(1, 0));
    }

    [Fact]
    public void Evaluate_IgnoresDropout()
    {
        var (_, network, batch) = Setup();
        var engine = new GradientEngine<double>(network, chunkSize: 4);
        var options = new BpttOptions(LossKind.MeanSquaredError);
        Assert.Equal(engine.Evaluate(batch, options), engine.Evaluate(batch, options with { DropoutRate = 0.5, DropoutSeed = 3 }));
    }

    private static (BpttWorker<double> Worker, SequenceNetwork<double> Network, SequenceBatch<double> Batch) Setup()
    {
        var random = new DeterministicRandom(4);
        var layout = new ParameterLayout(Shape);
        var network = new SequenceNetwork<double>(layout, TestData.RandomParameters(layout, 0.3, ref random));
        var batch = TestData.RandomBatch<double>(Shape, count: 8, steps: 20, LossKind.MeanSquaredError, withStates: false, withMask: false, ref random);
        return (new BpttWorker<double>(Shape), network, batch);
    }
}
