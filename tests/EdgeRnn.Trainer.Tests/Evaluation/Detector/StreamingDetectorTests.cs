using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Evaluation.Detector;

namespace EdgeRnn.Trainer.Tests.Evaluation.Detector;

public sealed class StreamingDetectorTests
{
    private static readonly DetectorConfiguration Fast = DetectorConfiguration.Default with { Epochs = 4 };

    [Fact]
    public void Run_SineWithInjectedSpike_ScoresTheSpikeAboveEveryNormalRow()
    {
        // A short burst of large deviations inside the range the training part saw (spatial check cannot fire).
        var data = SyntheticSeries.Sine(1200);
        for (int r = 900; r < 904; r++)
        {
            data[r] = r % 2 == 0 ? 0.9f : -0.9f;
        }

        var configuration = Fast with { Likelihood = LikelihoodParameters.Default with { SpatialTolerance = 0, SuppressionRows = 0 } };
        var scores = StreamingDetector.Run(data, 1, 180, configuration).Scores;

        double anomaly = scores[900..912].Max();
        double normal = scores[300..890].Max();
        Assert.True(anomaly > normal, $"expected the burst to score above every normal row, found {anomaly} against {normal}");
        double threeSigma = configuration.Likelihood.ScoreOfZ(3);
        Assert.True(anomaly > threeSigma, $"expected a burst score above the 3-sigma score {threeSigma}, found {anomaly}");
    }

    [Fact]
    public void Run_LevelShiftOutsideTheRangeSeen_ScoresOne()
    {
        var data = SyntheticSeries.Sine(800, anomalyStart: 600, anomalyLength: 20, shift: 3);

        var scores = StreamingDetector.Run(data, 1, 120, Fast).Scores;

        Assert.Equal(1.0, scores[600]);
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
    }

    [Fact]
    public void Run_FutureRowsChanged_PastScoresUnchanged()
    {
        var data = SyntheticSeries.Sine(700, channels: 2);
        var changed = (float[])data.Clone();
        for (int i = 500 * 2; i < changed.Length; i++)
        {
            changed[i] += 5;
        }

        var first = StreamingDetector.Run(data, 2, 100, Fast).Scores;
        var second = StreamingDetector.Run(changed, 2, 100, Fast).Scores;

        Assert.Equal(first[..500], second[..500]);
        Assert.NotEqual(first[500..], second[500..]);
    }

    [Fact]
    public void Run_Twice_GivesIdenticalScores()
    {
        var data = SyntheticSeries.Sine(600, anomalyStart: 400, anomalyLength: 10, shift: 0.5f);

        var first = StreamingDetector.Run(data, 1, 90, Fast with { Int8 = true }).Scores;
        var second = StreamingDetector.Run(data, 1, 90, Fast with { Int8 = true }).Scores;

        Assert.Equal(first, second);
    }

    [Fact]
    public void Run_WithTimestampsAndEnsemble_ScoresTheBurstAndStaysInRange()
    {
        var data = SyntheticSeries.Sine(1000);
        for (int r = 800; r < 808; r++)
        {
            data[r] = r % 2 == 0 ? 0.9f : -0.9f;
        }
        var times = Enumerable.Range(0, 1000).Select(r => new DateTime(2014, 2, 14, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(5 * r)).ToArray();
        var configuration = Fast with { EnsembleSize = 2, TimeOfDay = true, Likelihood = LikelihoodParameters.Default with { SpatialTolerance = 0, SuppressionRows = 0 } };

        var scores = StreamingDetector.Run(data, 1, 150, configuration, times).Scores;

        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
        Assert.True(scores[800..820].Max() > scores[300..795].Max(), $"expected the burst to score above every normal row, found {scores[800..820].Max()} against {scores[300..795].Max()}");
    }

    [Fact]
    public void Run_TooFewTrainingRows_ThrowsNamingTheRange()
    {
        var data = SyntheticSeries.Sine(50);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => StreamingDetector.Run(data, 1, 3, Fast));

        Assert.Contains("Expected 4 to 50 training rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NaNRows_ScoresStayFinite()
    {
        var data = SyntheticSeries.Sine(500);
        data[300] = float.NaN;
        data[301] = float.NaN;

        var output = StreamingDetector.Run(data, 1, 75, Fast);

        Assert.All(output.Scores, s => Assert.InRange(s, 0.0, 1.0));
        Assert.True(double.IsNaN(output.Errors[300]));
    }
}
