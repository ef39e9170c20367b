using EdgeRnn.Training.Evaluation.Detector;

namespace EdgeRnn.Trainer.Tests.Evaluation.Detector;

public sealed class ForecastModelBuilderTests
{
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
