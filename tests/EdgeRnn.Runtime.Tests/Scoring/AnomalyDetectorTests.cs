using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Scoring;

public class AnomalyDetectorTests
{
    internal static RnnModel ForecastModel(int seed = 9)
    {
        var definition = TestModels.Random(CellKind.Lstm, 3, 16, 1, 3, seed);
        var metadata = new ModelMetadata { TargetChannels = [0, 1, 2], Task = ModelTask.Forecast };
        var scoring = new ScoringParameters { ErrorStd = [1f, 1f, 1f], LongWindow = 200, ShortWindow = 5, Threshold = 0.99f };
        return RnnModel.FromDefinition(definition.With(metadata, scoring));
    }

    internal static float[] Sample(int t) => [MathF.Sin(t * 0.1f), MathF.Cos(t * 0.07f), 0.1f * MathF.Sin(t * 0.3f)];

    [Fact]
    public void Process_SpikeAfterSteadySignal_ScoresNearOne()
    {
        var detector = new AnomalyDetector(ForecastModel());
        float steadyMax = 0;
        for (int t = 0; t < 600; t++)
        {
            var score = detector.Process(Sample(t));
            Assert.InRange(score.Score, 0f, 1f);
            if (t < detector.WarmUpSamples)
            {
                Assert.False(score.IsWarm);
                Assert.Equal(0f, score.Score);
            }

            if (t > 300)
            {
                steadyMax = Math.Max(steadyMax, score.Score);
            }
        }

        var spiked = Sample(600);
        spiked[1] += 25f;
        var result = detector.Process(spiked);
        Assert.True(result.Score > 0.999f, $"spike scored {result.Score}");
        Assert.True(result.AboveThreshold);
        Assert.True(steadyMax < result.Score);
        Assert.Equal(1, detector.Contributions.IndexOf(MaxOf(detector.Contributions)));
    }

    [Fact]
    public void Process_NaNChannel_LeftOutOfTheError()
    {
        var detector = new AnomalyDetector(ForecastModel());
        for (int t = 0; t < 50; t++)
        {
            detector.Process(Sample(t));
        }

        var sample = Sample(50);
        sample[0] = float.NaN;
        var score = detector.Process(sample);
        Assert.True(float.IsFinite(score.Error));
        Assert.Equal(0f, detector.Contributions[0]);
        Assert.All(detector.State.Hidden(0).ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Process_OnceWarm_AllocatesNothing()
    {
        var detector = new AnomalyDetector(ForecastModel());
        var sample = Sample(0);
        detector.Process(sample);
        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int t = 0; t < 10_000; t++)
            {
                sample[t % 3] = t % 11;
                detector.Process(sample);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Constructor_ModelWithoutScoring_ThrowsSayingWhatIsMissing()
    {
        var model = RnnModel.FromDefinition(TestModels.Random(CellKind.Gru, 2, 8, 1, 2, seed: 1));
        var ex = Assert.Throws<ArgumentException>(() => new AnomalyDetector(model));
        Assert.Contains("anomaly-scoring parameters", ex.Message, StringComparison.Ordinal);
    }

    private static float MaxOf(ReadOnlySpan<float> values)
    {
        float max = float.MinValue;
        foreach (float v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
