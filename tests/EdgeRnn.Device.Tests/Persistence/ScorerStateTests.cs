using EdgeRnn.Device.Persistence;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Device.Tests.Persistence;

public sealed class ScorerStateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-scorer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SaveNow_WithTheScorer_ARestartScoresOnExactlyAsIfItHadNeverStopped()
    {
        var model = SmallModels.Forecaster();
        var running = new AnomalyDetector(model);
        for (int t = 0; t < 120; t++)
        {
            running.Process(Sample(t));
        }

        using (var saver = new StateSaver(new StateStore(_directory, TextWriter.Null), running.State, TimeSpan.FromHours(1), TextWriter.Null, scorer: running))
        {
            Assert.True(saver.SaveNow(120));
        }

        var restarted = new AnomalyDetector(model);
        var log = new StringWriter();
        var loaded = new StateStore(_directory, TextWriter.Null).Load(restarted.State);
        Assert.True(ScorerState.Restore(loaded.Saved, restarted, log));
        Assert.Contains($"scorer restored ({running.RecentErrors} recent errors", log.ToString(), StringComparison.Ordinal);
        for (int t = 120; t < 320; t++)
        {
            var sample = Sample(t);
            sample[1] += t == 200 ? 6f : 0f;
            Assert.Equal(running.Process(sample), restarted.Process(sample));
        }
    }

    [Fact]
    public void SaveIfDue_WithTheScorer_TheBackgroundSaveCarriesIt()
    {
        var model = SmallModels.Forecaster();
        var detector = new AnomalyDetector(model);
        for (int t = 0; t < 40; t++)
        {
            detector.Process(Sample(t));
        }

        var time = new Metrics.ManualTime();
        using (var saver = new StateSaver(new StateStore(_directory, TextWriter.Null), detector.State, TimeSpan.FromSeconds(1), TextWriter.Null, time: time, scorer: detector))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(saver.SaveIfDue(40));
        }

        var saved = new StateStore(_directory, TextWriter.Null).Load(model.CreateState()).Saved!;
        Assert.Equal(detector.ScoringStateSize, saved.Extra.Length);
    }

    [Fact]
    public void Restore_StateSavedWithoutTheScorer_SaysTheScoreWarmsUpAgain()
    {
        var model = SmallModels.Forecaster();
        var saved = new StateStore(_directory, TextWriter.Null).Save(model.CreateState(), 10);
        var detector = new AnomalyDetector(model);
        var log = new StringWriter();

        Assert.False(ScorerState.Restore(saved, detector, log));
        Assert.Contains($"warms up again over {detector.WarmUpSamples} samples", log.ToString(), StringComparison.Ordinal);
        Assert.False(ScorerState.Restore(null, detector, log));
    }

    [Fact]
    public void Restore_ScorerStateOfOtherWindows_IsNotUsedAndSaysWhy()
    {
        var other = new AnomalyDetector(SmallModels.Forecaster(seed: 6));
        byte[] scorer = new byte[other.ScoringStateSize];
        other.SaveScoringState(scorer);
        var model = SmallModels.Forecaster();
        var saved = new StateStore(_directory, TextWriter.Null).Save(model.CreateState(), 10, scorer);
        var detector = new AnomalyDetector(model);
        var log = new StringWriter();

        Assert.False(ScorerState.Restore(saved, detector, log));
        Assert.Contains("scorer state not used: Expected a scorer state saved with the model of checksum", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, detector.RecentErrors);
    }

    private static float[] Sample(int t) => [MathF.Sin(t * 0.2f), MathF.Cos(t * 0.05f), 0.5f * MathF.Sin(t * 0.11f)];
}
