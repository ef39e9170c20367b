using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Runtime.Tests.Scoring;

public class AnomalyDetectorPersistenceTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(450)]
    public void RestoreScoringState_WithTheRecurrentState_ScoresOnExactlyAsTheDetectorThatNeverStopped(int seen)
    {
        var model = AnomalyDetectorTests.ForecastModel();
        var running = new AnomalyDetector(model);
        for (int t = 0; t < seen; t++)
        {
            running.Process(AnomalyDetectorTests.Sample(t));
        }

        byte[] scoring = new byte[running.ScoringStateSize];
        Assert.Equal(scoring.Length, running.SaveScoringState(scoring));
        byte[] recurrent = running.State.ToBytes();

        var restarted = new AnomalyDetector(model);
        restarted.State.Restore(recurrent);
        restarted.RestoreScoringState(scoring);

        Assert.Equal(running.RecentErrors, restarted.RecentErrors);
        Assert.Equal(running.Prediction.ToArray(), restarted.Prediction.ToArray());
        for (int t = seen; t < seen + 300; t++)
        {
            var sample = AnomalyDetectorTests.Sample(t);
            if (t == seen + 150)
            {
                sample[2] += 9f;
            }

            Assert.Equal(running.Process(sample), restarted.Process(sample));
        }
    }

    [Fact]
    public void RestoreScoringState_AfterAWarmRun_IsWarmAtOnce()
    {
        var model = AnomalyDetectorTests.ForecastModel();
        var running = new AnomalyDetector(model);
        for (int t = 0; t < 100; t++)
        {
            running.Process(AnomalyDetectorTests.Sample(t));
        }

        byte[] scoring = new byte[running.ScoringStateSize];
        running.SaveScoringState(scoring);
        var restarted = new AnomalyDetector(model);
        restarted.State.Restore(running.State.ToBytes());
        restarted.RestoreScoringState(scoring);

        Assert.True(restarted.Process(AnomalyDetectorTests.Sample(100)).IsWarm);
        Assert.False(new AnomalyDetector(model).Process(AnomalyDetectorTests.Sample(100)).IsWarm);
    }

    [Fact]
    public void RestoreScoringState_AnyByteFlipped_ThrowsAndLeavesTheDetectorUnchanged()
    {
        var model = AnomalyDetectorTests.ForecastModel();
        var saved = Warm(new AnomalyDetector(model), 60);
        byte[] scoring = new byte[saved.ScoringStateSize];
        saved.SaveScoringState(scoring);

        var target = Warm(new AnomalyDetector(model), 30);
        var twin = Warm(new AnomalyDetector(model), 30);
        for (int i = 0; i < scoring.Length; i += 7)
        {
            byte[] damaged = (byte[])scoring.Clone();
            damaged[i] ^= 0x10;
            Assert.Throws<ModelFormatException>(() => target.RestoreScoringState(damaged));
        }

        Assert.Equal(twin.RecentErrors, target.RecentErrors);
        for (int t = 30; t < 80; t++)
        {
            Assert.Equal(twin.Process(AnomalyDetectorTests.Sample(t)), target.Process(AnomalyDetectorTests.Sample(t)));
        }
    }

    [Fact]
    public void RestoreScoringState_Truncated_ThrowsNamingTheSizes()
    {
        var detector = new AnomalyDetector(AnomalyDetectorTests.ForecastModel());
        byte[] scoring = new byte[detector.ScoringStateSize];
        detector.SaveScoringState(scoring);

        var ex = Assert.Throws<ModelFormatException>(() => detector.RestoreScoringState(scoring.AsSpan(0, scoring.Length - 1)));
        Assert.Contains($"{scoring.Length} bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RestoreScoringState_FromAnotherModel_ThrowsNamingBothChecksums()
    {
        var other = new AnomalyDetector(AnomalyDetectorTests.ForecastModel(seed: 10));
        byte[] scoring = new byte[other.ScoringStateSize];
        other.SaveScoringState(scoring);
        var detector = new AnomalyDetector(AnomalyDetectorTests.ForecastModel());

        var ex = Assert.Throws<ModelFormatException>(() => detector.RestoreScoringState(scoring));
        Assert.Contains($"0x{other.Model.Checksum:X8}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"0x{detector.Model.Checksum:X8}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveScoringState_TooSmall_ThrowsArgumentException()
    {
        var detector = new AnomalyDetector(AnomalyDetectorTests.ForecastModel());
        Assert.Throws<ArgumentException>(() => detector.SaveScoringState(new byte[detector.ScoringStateSize - 1]));
    }

    [Fact]
    public void SaveScoringState_Warm_AllocatesNothing()
    {
        var detector = Warm(new AnomalyDetector(AnomalyDetectorTests.ForecastModel()), 300);
        byte[] scoring = new byte[detector.ScoringStateSize];
        detector.SaveScoringState(scoring);

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                detector.SaveScoringState(scoring);
            }
        });

        Assert.Equal(0, allocated);
    }

    private static AnomalyDetector Warm(AnomalyDetector detector, int samples)
    {
        for (int t = 0; t < samples; t++)
        {
            detector.Process(AnomalyDetectorTests.Sample(t));
        }

        return detector;
    }
}
