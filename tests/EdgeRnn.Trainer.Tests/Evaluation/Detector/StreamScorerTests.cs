using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Trainer.Evaluation.Detector;

namespace EdgeRnn.Trainer.Tests.Evaluation.Detector;

public sealed class StreamScorerTests
{
    [Fact]
    public void Next_WarmStream_AllocatesNothing()
    {
        var data = SyntheticSeries.Sine(300, channels: 2);
        var configuration = DetectorConfiguration.Default with { Epochs = 1 };
        var normalization = ForecastModelBuilder.Normalization(data, 2, 100);
        var model = RnnModel.FromDefinition(ForecastModelBuilder.Train(data, 2, 2, 100, normalization, configuration));
        var scorer = new StreamScorer([model, model], normalization, configuration.Likelihood with { SuppressionRows = 5 });
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
    public void Next_ChannelErrorKind_CombinesNormalisedChannelErrors(bool rootMeanSquare)
    {
        var kind = rootMeanSquare ? ChannelErrorKind.RootMeanSquare : ChannelErrorKind.MeanAbsolute;
        var data = SyntheticSeries.Sine(200, channels: 2);
        var configuration = DetectorConfiguration.Default with { Epochs = 1 };
        var normalization = ForecastModelBuilder.Normalization(data, 2, 100);
        var model = RnnModel.FromDefinition(ForecastModelBuilder.Train(data, 2, 2, 100, normalization, configuration));
        var scorer = new StreamScorer([model], normalization, configuration.Likelihood with { ChannelError = kind });
        for (int r = 0; r < 150; r++)
        {
            scorer.Next(data.AsSpan(r * 2, 2), out _);
        }

        float[] row = [data[300] + 0.5f, data[301] - 2f];
        double d0 = Math.Abs(row[0] - scorer.Prediction[0]) / normalization.Std[0];
        double d1 = Math.Abs(row[1] - scorer.Prediction[1]) / normalization.Std[1];

        scorer.Next(row, out double error);

        double expected = kind == ChannelErrorKind.RootMeanSquare ? Math.Sqrt(((d0 * d0) + (d1 * d1)) / 2) : (d0 + d1) / 2;
        Assert.Equal(expected, error, 5);
    }

    [Fact]
    public void Normalization_FlatChannel_GetsAPositiveStd()
    {
        float[] data = [5, 1, 5, 2, 5, 3, 5, 4];

        var normalization = ForecastModelBuilder.Normalization(data, 2, 4);

        Assert.Equal(5f, normalization.Mean[0]);
        Assert.True(normalization.Std[0] > 0);
        Assert.Equal(2.5f, normalization.Mean[1]);
        Assert.Equal((float)Math.Sqrt(5.0 / 3.0), normalization.Std[1], 5);
    }
}
