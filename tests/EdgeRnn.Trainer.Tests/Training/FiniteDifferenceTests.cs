using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Engine;

namespace EdgeRnn.Trainer.Tests.Training;

/// <summary>Central-difference checks of the float64 engine's gradient: every parameter, every cell kind, loss and option.</summary>
public sealed class FiniteDifferenceTests
{
    private const double Epsilon = 1e-6;

    public static TheoryData<CellKind, int, int> Configurations
    {
        get
        {
            var data = new TheoryData<CellKind, int, int>();
            foreach (var kind in new[] { CellKind.RnnTanh, CellKind.RnnRelu, CellKind.Lstm, CellKind.Gru })
            {
                foreach (int layers in new[] { 1, 3 })
                {
                    foreach (var loss in new[] { LossKind.MeanSquaredError, LossKind.CrossEntropyPerStep, LossKind.CrossEntropyLastStep })
                    {
                        data.Add(kind, layers, (int)loss);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void ComputeGradient_AnyCellLayersAndLoss_MatchesCentralDifferences(CellKind kind, int layers, int loss) =>
        Check(kind, layers, new BpttOptions((LossKind)loss), withStates: false, withMask: false);

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.RnnTanh)]
    public void ComputeGradient_CarriedStatesBurnInAndMask_MatchesCentralDifferences(CellKind kind) =>
        Check(kind, 2, new BpttOptions(LossKind.MeanSquaredError, BurnInSteps: 2), withStates: true, withMask: true);

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.RnnRelu)]
    public void ComputeGradient_DropoutWithFixedSeed_MatchesCentralDifferences(CellKind kind) =>
        Check(kind, 3, new BpttOptions(LossKind.CrossEntropyPerStep, BurnInSteps: 1, DropoutRate: 0.3, DropoutSeed: 42), withStates: true, withMask: false);

    [Theory]
    [InlineData(CellKind.Lstm, 2, (int)LossKind.MeanSquaredError)]
    [InlineData(CellKind.Gru, 2, (int)LossKind.CrossEntropyPerStep)]
    [InlineData(CellKind.RnnTanh, 3, (int)LossKind.CrossEntropyLastStep)]
    [InlineData(CellKind.RnnRelu, 1, (int)LossKind.MeanSquaredError)]
    [InlineData(CellKind.Lstm, 1, (int)LossKind.CrossEntropyLastStep)]
    [InlineData(CellKind.Gru, 3, (int)LossKind.MeanSquaredError)]
    public void ComputeGradient_BidirectionalManyWindowsWithMask_MatchesCentralDifferences(CellKind kind, int layers, int loss) =>
        Check(kind, layers, new BpttOptions((LossKind)loss, BurnInSteps: 1), withStates: false, withMask: true, bidirectional: true);

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void ComputeGradient_BidirectionalDropout_MatchesCentralDifferences(CellKind kind) =>
        Check(kind, 3, new BpttOptions(LossKind.CrossEntropyPerStep, DropoutRate: 0.3, DropoutSeed: 42), withStates: false, withMask: false, bidirectional: true);

    [Theory]
    [InlineData(CellKind.Lstm, 3, (int)LossKind.CrossEntropyPerStep, 0.3)]
    [InlineData(CellKind.Gru, 2, (int)LossKind.CrossEntropyPerStep, 0.0)]
    [InlineData(CellKind.RnnTanh, 1, (int)LossKind.CrossEntropyLastStep, 0.0)]
    [InlineData(CellKind.RnnRelu, 2, (int)LossKind.MeanSquaredError, 0.3)]
    public void ComputeGradient_EmbeddingWithCarriedStatesAndDropout_MatchesCentralDifferences(CellKind kind, int layers, int loss, double dropout) =>
        Check(kind, layers, new BpttOptions((LossKind)loss, BurnInSteps: 1, DropoutRate: dropout, DropoutSeed: 42), withStates: true, withMask: false, embedding: 3);

    private static void Check(CellKind kind, int layers, BpttOptions options, bool withStates, bool withMask, bool bidirectional = false, int embedding = 0)
    {
        var shape = new NetworkShape(kind, inputSize: embedding > 0 ? 6 : 3, hiddenSize: 5, layers, outputSize: 4, bidirectional, embedding);
        var random = new DeterministicRandom(7, (ulong)kind);
        var batch = TestData.RandomBatch<double>(shape, count: 3, steps: 6, options.Loss, withStates, withMask, ref random);
        if (embedding > 0)
        {
            // One-hot tokens, repeating (token t · 5 mod 6 of window w, step t), as the text task's windows hold them.
            var tokens = new double[batch.Inputs.Length];
            for (int i = 0; i < tokens.Length / shape.InputSize; i++)
            {
                tokens[(i * shape.InputSize) + ((i * 5) % shape.InputSize)] = 1;
            }

            batch = new SequenceBatch<double> { Count = batch.Count, Steps = batch.Steps, Inputs = tokens, Targets = batch.Targets, Labels = batch.Labels, StepMask = batch.StepMask, InitialStates = batch.InitialStates };
        }

        var network = new SequenceNetwork<double>(new ParameterLayout(shape), TestData.RandomParameters(new ParameterLayout(shape), 0.6, ref random));
        var engine = new GradientEngine<double>(network, chunkSize: 2, threads: 1);
        engine.ComputeGradient(batch, options);
        var analytic = (double[])engine.Gradient.Clone();

        double worst = 0;
        var parameters = network.Parameters;
        double scale = analytic.Max(Math.Abs);
        for (int p = 0; p < parameters.Length; p++)
        {
            double saved = parameters[p];
            parameters[p] = saved + Epsilon;
            network.Refresh();
            double plus = LossWithDropout(engine, batch, options);
            parameters[p] = saved - Epsilon;
            network.Refresh();
            double minus = LossWithDropout(engine, batch, options);
            parameters[p] = saved;
            double numeric = (plus - minus) / (2 * Epsilon);
            double error = Math.Abs(numeric - analytic[p]) / Math.Max(Math.Abs(numeric), 0.01 * scale);
            worst = Math.Max(worst, error);
        }

        network.Refresh();
        Assert.True(scale > 0, "Expected a non-zero gradient.");
        Assert.True(worst < 1e-5, $"Expected analytic and numeric gradients within 1e-5; worst relative difference {worst:E3}.");
    }

    /// <summary>The training loss (dropout on, same masks as the analytic pass): ComputeGradient is the only path with dropout.</summary>
    private static double LossWithDropout(GradientEngine<double> engine, SequenceBatch<double> batch, BpttOptions options) =>
        engine.ComputeGradient(batch, options);
}
