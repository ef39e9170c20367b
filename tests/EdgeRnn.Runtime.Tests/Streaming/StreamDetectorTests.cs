using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Streaming;
using EdgeRnn.Runtime.Tests.Model;
using EdgeRnn.Runtime.Tests.Scoring;

namespace EdgeRnn.Runtime.Tests.Streaming;

/// <summary>One stream's path: channel map → detector → alarm decision (<see cref="StreamDetector"/>).</summary>
public sealed class StreamDetectorTests
{
    [Fact]
    public void Process_SourceInAnotherOrderWithAnExtraChannel_ScoresAsTheDetectorDoesOnTheMappedValues()
    {
        var model = Named(ModelDetectorTests.Detector(timeOfDay: true, threshold: 0.6));
        var stream = new StreamDetector(new AnomalyDetector(model));
        var direct = new AnomalyDetector(model);
        var map = stream.Bind(["B", "junk", "a"]);

        Assert.Null(map.Note);
        for (int r = 0; r < 300; r++)
        {
            float a = MathF.Sin(r * 0.1f) + (r == 250 ? 4f : 0f);
            float b = MathF.Cos(r * 0.07f) * 2;
            var step = stream.Process([b, 99f, a], Time(r));
            var expected = direct.Process([a, b], Time(r));

            Assert.Equal(expected, step.Score);
            Assert.Equal(new[] { a, b }, stream.Input.ToArray());
        }
    }

    [Fact]
    public void Process_ModelWithDetector_AlarmIsTheWarmScoreAtOrAboveTheThresholdSampleBySample()
    {
        var stream = new StreamDetector(new AnomalyDetector(Named(ModelDetectorTests.Detector(threshold: 0.55))));
        stream.Bind(["a", "b"]);
        int raised = 0, cleared = 0, active = 0;
        for (int r = 0; r < 600; r++)
        {
            float spike = r % 97 == 50 ? 3f : 0f;
            var step = stream.Process([MathF.Sin(r * 0.1f) + spike, MathF.Cos(r * 0.07f) * 2], Time(r));

            Assert.Equal(step.Score.IsWarm && step.Score.Score >= stream.Detector.Threshold, stream.Policy.IsActive);
            raised += step.Transition == AlarmTransition.Raised ? 1 : 0;
            cleared += step.Transition == AlarmTransition.Cleared ? 1 : 0;
            active += stream.Policy.IsActive ? 1 : 0;
        }

        Assert.True(raised > 0, "expected the spikes to raise the alarm at least once");
        Assert.InRange(raised - cleared, 0, 1);
        Assert.True(active < 600);
    }

    [Fact]
    public void Process_WarmStream_AllocatesNothing()
    {
        var stream = new StreamDetector(new AnomalyDetector(Named(ModelDetectorTests.Detector(timeOfDay: true, changePoints: true))));
        stream.Bind(["a", "b"]);
        float[] sample = [0.2f, 0.4f];
        for (int r = 0; r < 200; r++)
        {
            sample[0] = MathF.Sin(r * 0.1f);
            stream.Process(sample, Time(r));
        }

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int r = 200; r < 500; r++)
            {
                sample[0] = MathF.Sin(r * 0.1f);
                stream.Process(sample, Time(r));
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Process_BeforeBindOrWithTheWrongChannelCount_SaysWhatWasExpected()
    {
        var stream = new StreamDetector(new AnomalyDetector(Named(ModelDetectorTests.Detector())));

        var unbound = Assert.Throws<InvalidOperationException>(() => stream.Process([1f, 2f], Time(0)));
        stream.Bind(["a", "b"]);
        var wrong = Assert.Throws<ArgumentException>(() => stream.Process([1f, 2f, 3f], Time(0)));

        Assert.Contains("Bind", unbound.Message, StringComparison.Ordinal);
        Assert.Contains("Expected 2 values", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleNames_TimeOfDayModel_AreTheValuesACallerGivesNotTheDerivedCovariates()
    {
        var named = new StreamDetector(new AnomalyDetector(Named(ModelDetectorTests.Detector(timeOfDay: true))));
        var unnamed = new StreamDetector(new AnomalyDetector(RnnModel.FromDefinition(ModelDetectorTests.Detector())));

        Assert.Equal(["a", "b"], named.SampleNames);
        Assert.Equal(["ch0", "ch1"], unnamed.SampleNames);
    }

    [Fact]
    public void For_ModelWithOrWithoutDetector_GivesSampleBySampleOrDebouncedDefaults()
    {
        var withDetector = AlarmPolicyOptions.For(new AnomalyDetector(RnnModel.FromDefinition(ModelDetectorTests.Detector())));
        var scoring = new ScoringParameters { ErrorStd = [1f, 1f], LongWindow = 50, ShortWindow = 5, Threshold = 0.99f };
        var plain = AlarmPolicyOptions.For(new AnomalyDetector(RnnModel.FromDefinition(TestModels.Random(CellKind.Gru, 2, 4, 1, 2, 3).With(metadata: new ModelMetadata { Task = ModelTask.Forecast, TargetChannels = [0, 1] }, scoring: scoring))));

        Assert.Equal((1, 1, 0f), (withDetector.MinRaiseSamples, withDetector.MinClearSamples, withDetector.Hysteresis));
        Assert.Equal(new AlarmPolicyOptions(), plain);
    }

    private static RnnModel Named(ModelDefinition definition)
    {
        string[] names = definition.InputSize == 4 ? ["a", "b", "time_of_day_sin", "time_of_day_cos"] : ["a", "b"];
        return RnnModel.FromDefinition(definition.With(metadata: new ModelMetadata { Task = ModelTask.Forecast, TargetChannels = [0, 1], FeatureNames = names }));
    }

    private static DateTime Time(int row) => new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(5 * row);
}
