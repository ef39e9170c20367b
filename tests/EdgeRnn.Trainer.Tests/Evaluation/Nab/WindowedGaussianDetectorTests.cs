using EdgeRnn.Training.Evaluation.Nab.Reference;

namespace EdgeRnn.Trainer.Tests.Evaluation.Nab;

public sealed class WindowedGaussianDetectorTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(1.9, 0.007209570764742524)]
    [InlineData(2.0, 0.004677734981047266)]
    [InlineData(3.0, 2.209049699858544e-05)]
    [InlineData(6.0, 2.1519736712498913e-17)]
    public void ComplementaryError_KnownValues_MatchToFourteenDigits(double x, double expected)
    {
        double actual = WindowedGaussianDetector.ComplementaryError(x);

        Assert.Equal(expected, actual, expected * 1e-13);
    }

    [Fact]
    public void Score_ConstantSignal_FirstRowScoresZeroAndTheDeviationBecomesOneMillionth()
    {
        var scores = WindowedGaussianDetector.Score([5.0, 5.0, 5.0, 5.0 + 1e-6]);

        Assert.Equal(0.0, scores[0]);
        // At the mean: 1 − Q(0) = 0.5.
        Assert.Equal(0.5, scores[1], 15);
        // One deviation (1e−6) away: 1 − Q(1).
        Assert.Equal(1.0 - (0.5 * 0.31731050786291415), scores[3], 6);
    }

    [Fact]
    public void TailProbability_BelowTheMean_IsSymmetric()
    {
        Assert.Equal(
            WindowedGaussianDetector.TailProbability(12.0, 10.0, 2.0),
            WindowedGaussianDetector.TailProbability(8.0, 10.0, 2.0),
            15);
    }
}
