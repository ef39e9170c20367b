using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Engine.Sequence2Sequence;

namespace EdgeRnn.Trainer.Tests.Training.Sequence2Sequence;

/// <summary>Central-difference checks of the float64 encoder–decoder gradient: several windows in chunks, a random teacher mask, every attention kind.</summary>
public sealed class Seq2SeqFiniteDifferenceTests
{
    private const double Epsilon = 1e-6;

    [Theory]
    [InlineData(CellKind.Lstm, 2, AttentionKind.None, 0)]
    [InlineData(CellKind.Gru, 1, AttentionKind.Dot, 0)]
    [InlineData(CellKind.Lstm, 1, AttentionKind.General, 0)]
    [InlineData(CellKind.Gru, 2, AttentionKind.Additive, 3)]
    [InlineData(CellKind.Lstm, 3, AttentionKind.Additive, 6)]
    public void ComputeGradient_RandomCaseWithTeacherMask_MatchesCentralDifferences(CellKind kind, int layers, AttentionKind attention, int width)
    {
        var shape = new Seq2SeqShape(kind, inputSize: 3, hiddenSize: 4, layers, outputSize: 2, horizon: 5, attention, width);
        var layout = new Seq2SeqLayout(shape);
        var random = new DeterministicRandom(11, (ulong)attention);
        const int count = 5, steps = 6;
        var teacher = new bool[count * shape.Horizon];
        for (int i = 0; i < teacher.Length; i++)
        {
            teacher[i] = random.NextDouble() < 0.5;
        }

        var batch = new Seq2SeqBatch<double>
        {
            Count = count,
            Steps = steps,
            Inputs = TestData.RandomValues<double>(count * steps * 3, 1, ref random),
            Starts = TestData.RandomValues<double>(count * 2, 1, ref random),
            Targets = TestData.RandomValues<double>(count * shape.Horizon * 2, 1, ref random),
            Teacher = teacher,
        };
        var parameters = new double[layout.Count];
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = 0.7 * ((2 * random.NextDouble()) - 1);
        }

        var network = new Seq2SeqNetwork<double>(layout, parameters);
        var engine = new Seq2SeqEngine<double>(network, chunkSize: 2, threads: 1);
        engine.ComputeGradient(batch);
        var analytic = (double[])engine.Gradient.Clone();

        double scale = analytic.Max(Math.Abs);
        double worst = 0;
        for (int p = 0; p < parameters.Length; p++)
        {
            double saved = parameters[p];
            parameters[p] = saved + Epsilon;
            network.Refresh();
            double plus = engine.Evaluate(batch);
            parameters[p] = saved - Epsilon;
            network.Refresh();
            double minus = engine.Evaluate(batch);
            parameters[p] = saved;
            double numeric = (plus - minus) / (2 * Epsilon);
            worst = Math.Max(worst, Math.Abs(numeric - analytic[p]) / Math.Max(Math.Abs(numeric), 0.01 * scale));
        }

        network.Refresh();
        Assert.True(worst < 1e-5, $"worst relative difference {worst:E3}");
    }

    [Fact]
    public void ComputeGradient_ThreadsAndChunkOrder_GiveTheSameBits()
    {
        var shape = new Seq2SeqShape(CellKind.Gru, 2, 6, 2, 2, 4, AttentionKind.Additive, 5);
        var layout = new Seq2SeqLayout(shape);
        var random = new DeterministicRandom(3);
        var parameters = TestData.RandomValues<float>(layout.Count, 0.5, ref random);
        var batch = new Seq2SeqBatch<float>
        {
            Count = 37,
            Steps = 9,
            Inputs = TestData.RandomValues<float>(37 * 9 * 2, 1, ref random),
            Starts = TestData.RandomValues<float>(37 * 2, 1, ref random),
            Targets = TestData.RandomValues<float>(37 * 4 * 2, 1, ref random),
        };

        var one = new Seq2SeqEngine<float>(new Seq2SeqNetwork<float>(layout, (float[])parameters.Clone()), chunkSize: 4, threads: 1);
        var many = new Seq2SeqEngine<float>(new Seq2SeqNetwork<float>(layout, (float[])parameters.Clone()), chunkSize: 4, threads: 4);

        Assert.Equal(one.ComputeGradient(batch), many.ComputeGradient(batch));
        Assert.Equal(one.Gradient, many.Gradient);
    }
}
