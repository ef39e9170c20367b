using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Training.Calibration;

namespace EdgeRnn.Trainer.Tests.Calibration;

public sealed class ScoringCalibratorTests
{
    [Fact]
    public void ErrorStdFitter_AlternatingStreamUnderPersistence_IsOne()
    {
        // ŷ(t+1) = x(t) on 0, 1, 0, 1, …: errors alternate +1 and −1, mean 0, std 1.
        float[] stream = [.. Enumerable.Range(0, 101).Select(t => (float)(t % 2))];

        float[] std = ErrorStdFitter.Fit(PersistenceModels.Persistence(), [stream]);

        Assert.Equal(1f, std[0], 6);
    }

    [Fact]
    public void ErrorStdFitter_ConstantStream_IsFlooredAboveZero()
    {
        float[] std = ErrorStdFitter.Fit(PersistenceModels.Persistence(), [[2f, 2f, 2f, 2f]]);

        Assert.True(std[0] > 0f);
        Assert.True(std[0] <= 1e-6f);
    }

    [Fact]
    public void Calibrate_NoisySine_ThresholdReproducesTheRequestedRateThroughTheRuntimeDetector()
    {
        var model = PersistenceModels.Persistence();
        float[][] streams = [PersistenceModels.Sine(20_000, 97, 0.3, 1), PersistenceModels.Sine(8_000, 97, 0.3, 2)];
        var options = new CalibrationOptions { FalseAlarmsPerDay = 40 };

        var result = ScoringCalibrator.Calibrate(model, streams, samplePeriodSeconds: 1, options);

        double days = 28_000 / 86_400.0;
        Assert.Equal(days, result.ValidationDays, 9);
        Assert.True(result.FalseAlarmsPerDay <= 40, $"{result.FalseAlarmsPerDay} per day");
        Assert.True(result.Onsets >= 1, "the threshold should be as low as the allowance lets it be");
        Assert.Equal(1000, result.Scoring.LongWindow);
        Assert.Equal(5, result.Scoring.ShortWindow);

        // The board's detector, with the scoring stored in the model, raises exactly the counted alarm onsets.
        var stored = RnnModel.FromDefinition(model.Definition.With(scoring: result.Scoring));
        var detector = new AnomalyDetector(stored);
        int onsets = 0;
        foreach (float[] stream in streams)
        {
            detector.Reset();
            bool above = false;
            foreach (float x in stream)
            {
                bool now = detector.Process([x]).AboveThreshold;
                onsets += now && !above ? 1 : 0;
                above = now;
            }
        }

        Assert.Equal(result.Onsets, onsets);
    }

    [Fact]
    public void Calibrate_CleanSineUnderADay_ThresholdAboveEveryValidationScore()
    {
        var model = PersistenceModels.Persistence();
        float[][] streams = [PersistenceModels.Sine(5_000, 50, 0, 1)];

        var result = ScoringCalibrator.Calibrate(model, streams, samplePeriodSeconds: 1, new CalibrationOptions { FalseAlarmsPerDay = 1 });

        // 5000 s is 0.058 day: one false alarm per day allows none here.
        Assert.Equal(0, result.Onsets);
        Assert.True(result.Scoring.Threshold > 0.9f, $"threshold {result.Scoring.Threshold}");
        var scores = ScoreCollector.Collect(model, result.Scoring, streams);
        Assert.All(scores[0], s => Assert.True(s < result.Scoring.Threshold));
    }

    [Fact]
    public void Calibrate_WithoutSamplePeriod_UsesTheQuantile()
    {
        var model = PersistenceModels.Persistence();
        float[][] streams = [PersistenceModels.Sine(4_000, 40, 0.2, 3)];

        var result = ScoringCalibrator.Calibrate(model, streams, samplePeriodSeconds: 0, new CalibrationOptions { AlarmQuantile = null, FallbackQuantile = 0.99 });

        Assert.True(double.IsNaN(result.FalseAlarmsPerDay));
        Assert.Contains("quantile 0.99", result.Method, StringComparison.Ordinal);
        var scores = ScoreCollector.Collect(model, result.Scoring, streams)[0];
        Assert.Equal(Math.Ceiling(0.99 * scores.Length), scores.Count(s => s < result.Scoring.Threshold));
    }

    [Fact]
    public void QuantizationCheck_ModelAgainstItself_ChangesNothing()
    {
        var model = Scored(PersistenceModels.Persistence(leak: 0.001f));
        float[][] streams = [PersistenceModels.Sine(2_000, 37, 0.2, 4)];

        var same = QuantizationCheck.Compare(model, model, streams);

        Assert.Equal(0, same.OutputRmse);
        Assert.Equal(0, same.MaxScoreChange);
        Assert.Equal(0, same.AlarmDecisionChanges);
        Assert.Equal(2_000, same.Steps);
    }

    [Fact]
    public void QuantizationCheck_Int8DropsASmallWeight_ReportsItsOutputError()
    {
        var model = Scored(PersistenceModels.Persistence(leak: 0.001f));
        var int8 = RnnModel.FromDefinition(ModelQuantizer.Quantize(model.Definition, out _));
        float[][] streams = [PersistenceModels.Sine(2_000, 37, 0.2, 4)];

        var c = QuantizationCheck.Compare(model, int8, streams);

        // int8 rounds 0.001 (against a row maximum of 1) to 0: the float output carries 0.001·0.37·relu(x) more.
        float[] xs = streams[0];
        double expected = Math.Sqrt(xs.Sum(x => Math.Pow(0.001 * 0.37 * Math.Max(x, 0), 2)) / xs.Length);
        Assert.Equal(expected, c.OutputRmse, 6);
        Assert.Equal(0.001 * 0.37 * xs.Max(), c.MaxOutputDifference, 6);
        Assert.True(c.MaxScoreChange >= 0 && c.MaxScoreChange < 0.5);
    }

    private static RnnModel Scored(RnnModel model) =>
        RnnModel.FromDefinition(model.Definition.With(scoring: new ScoringParameters { ErrorStd = [0.3f], LongWindow = 100, ShortWindow = 5, Threshold = 0.9f }));
}
