using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Scoring;

public sealed class EnsembleScorerTests
{
    private static readonly ChannelNormalization Normalization = new([0.1f, -0.2f], [0.5f, 2f]);

    [Fact]
    public void Next_WarmStream_AllocatesNothing()
    {
        var data = Sine(300);
        var scorer = new EnsembleScorer([Model(1), Model(2)], Normalization, LikelihoodParameters.Default with { SuppressionRows = 5 });
        for (int r = 0; r < 100; r++)
        {
            scorer.Next(data.AsSpan(r * 2, 2), out _);
        }

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int r = 100; r < 300; r++)
            {
                scorer.Next(data.AsSpan(r * 2, 2), out _);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Next_ChannelErrorKind_CombinesNormalisedChannelErrorsAgainstTheEnsembleMean(bool rootMeanSquare)
    {
        var kind = rootMeanSquare ? ChannelErrorKind.RootMeanSquare : ChannelErrorKind.MeanAbsolute;
        var data = Sine(200);
        RnnModel[] models = [Model(1), Model(2), Model(3)];
        var scorer = new EnsembleScorer(models, Normalization, LikelihoodParameters.Default with { ChannelError = kind });
        var states = Array.ConvertAll(models, m => m.CreateState());
        var output = new float[2];
        var mean = new double[2];
        for (int r = 0; r < 150; r++)
        {
            scorer.Next(data.AsSpan(r * 2, 2), out _);
            Array.Clear(mean);
            foreach (var state in states)
            {
                state.Step(data.AsSpan(r * 2, 2), output);
                mean[0] += output[0] / 3.0;
                mean[1] += output[1] / 3.0;
            }
        }

        Assert.Equal(mean[0], scorer.Prediction[0], 5);
        Assert.Equal(mean[1], scorer.Prediction[1], 5);
        float[] row = [data[300] + 0.5f, data[301] - 2f];
        double d0 = Math.Abs(row[0] - scorer.Prediction[0]) / Normalization.Std[0];
        double d1 = Math.Abs(row[1] - scorer.Prediction[1]) / Normalization.Std[1];

        scorer.Next(row, out double error);

        double expected = kind == ChannelErrorKind.RootMeanSquare ? Math.Sqrt(((d0 * d0) + (d1 * d1)) / 2) : (d0 + d1) / 2;
        Assert.Equal(expected, error, 5);
    }

    [Fact]
    public void Next_FirstRow_HasNoErrorYet()
    {
        var scorer = new EnsembleScorer([Model(1)], Normalization, LikelihoodParameters.Default);

        double score = scorer.Next([0.3f, 0.4f], out double error);

        Assert.True(double.IsNaN(error));
        Assert.Equal(0, score);
    }

    [Fact]
    public void Constructor_ModelsOfOtherShapes_ThrowsNamingBoth()
    {
        var other = RnnModel.FromDefinition(TestModels.Random(CellKind.Gru, 3, 8, 1, 3, seed: 4));

        var ex = Assert.Throws<ArgumentException>(() => new EnsembleScorer([Model(1), other], Normalization, LikelihoodParameters.Default));

        Assert.Contains("Expected models with 2 inputs and 2 outputs, found 3 and 3", ex.Message, StringComparison.Ordinal);
    }

    private static RnnModel Model(int seed) => RnnModel.FromDefinition(TestModels.Random(CellKind.Gru, 2, 8, 1, 2, seed));

    private static float[] Sine(int rows)
    {
        var data = new float[rows * 2];
        for (int r = 0; r < rows; r++)
        {
            data[2 * r] = MathF.Sin(r * 0.1f);
            data[(2 * r) + 1] = MathF.Cos(r * 0.07f) * 2;
        }

        return data;
    }
}
