using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Tests.Decoding;
using EdgeRnn.Runtime.Tests.Model;
using EdgeRnn.Testing;

namespace EdgeRnn.Runtime.Tests.Scoring;

public class EncoderDecoderDetectorTests
{
    private const int Inputs = 5;
    private const int Steps = 6;
    private static readonly float[] ErrorStd = [0.7f, 1.3f];

    internal static RnnModel Model(ModelTask task, bool int8 = false, AttentionKind attention = AttentionKind.None)
    {
        var start = task == ModelTask.Reconstruct ? DecoderStart.Zeros : DecoderStart.LastTargets;
        var definition = RnnSequenceDecoderTests.Decorated(Seq2SeqModels.Random(CellKind.Lstm, Inputs, 8, 1, 2, Steps, attention, seed: 5, start: start, int8: int8), seed: 2);
        var metadata = new ModelMetadata
        {
            TargetChannels = definition.Metadata.TargetChannels,
            Task = task,
            Properties = new Dictionary<string, string> { ["train.window"] = "9" },
        };
        return RnnModel.FromDefinition(definition.With(metadata: metadata));
    }

    internal static ScoringParameters Scoring => new() { ErrorStd = ErrorStd, LongWindow = 40, ShortWindow = 4, Threshold = 0.9f };

    private static float[] Stream(int samples, int seed)
    {
        float[] stream = RnnSequenceDecoderTests.Window(new Random(seed), samples, Inputs);
        stream[(10 * Inputs) + 3] = float.NaN;
        stream[(11 * Inputs) + 1] = float.PositiveInfinity;
        stream[(11 * Inputs) + 3] = float.NaN;
        return stream;
    }

    [Theory]
    [InlineData(false, AttentionKind.None)]
    [InlineData(true, AttentionKind.None)]
    [InlineData(false, AttentionKind.General)]
    public void Process_Reconstruct_ScoresTheWholeWindowAgainstItsReconstructionFromTheFirstSample(bool int8, AttentionKind attention)
    {
        var model = Model(ModelTask.Reconstruct, int8, attention);
        var detector = new AnomalyDetector(model, Scoring);
        var reference = model.CreateSequenceDecoder(Steps);
        var outputs = new float[Steps * 2];
        int[] targets = [3, 1];
        float[] stream = Stream(60, 7);
        for (int t = 0; t < 60; t++)
        {
            var score = detector.Process(stream.AsSpan(t * Inputs, Inputs));
            int n = Math.Min(t + 1, Steps);
            reference.Run(stream.AsSpan((t + 1 - n) * Inputs, n * Inputs), outputs);
            double sum = 0;
            int used = 0;
            for (int k = 0; k < 2; k++)
            {
                double channel = 0;
                int rows = 0;
                for (int r = 0; r < n; r++)
                {
                    float x = stream[((t - r) * Inputs) + targets[k]];
                    if (float.IsFinite(x))
                    {
                        double z = (x - outputs[(r * 2) + k]) / ErrorStd[k];
                        channel += z * z;
                        rows++;
                    }
                }

                Assert.Equal(rows == 0 ? 0f : (float)(channel / rows), detector.Contributions[k]);
                if (rows > 0)
                {
                    sum += channel / rows;
                    used++;
                }
            }

            Assert.Equal((float)(sum / used), score.Error);
            Assert.True(float.IsFinite(score.Error));
            Assert.Equal(outputs.AsSpan(0, 2).ToArray(), detector.Prediction.ToArray());
            Assert.Equal(t >= detector.WarmUpSamples, score.IsWarm);
        }
    }

    [Fact]
    public void Process_HorizonForecaster_ScoresEachSampleAgainstOutputOneOfTheWindowBefore()
    {
        var model = Model(ModelTask.Forecast);
        var detector = new AnomalyDetector(model, Scoring);
        var reference = model.CreateSequenceDecoder(9);
        var outputs = new float[Steps * 2];
        float[] stream = RnnSequenceDecoderTests.Window(new Random(3), 30, Inputs);
        int[] targets = [3, 1];
        Assert.Equal(default, detector.Process(stream.AsSpan(0, Inputs)));
        for (int t = 1; t < 30; t++)
        {
            int n = Math.Min(t, 9);
            reference.Run(stream.AsSpan((t - n) * Inputs, n * Inputs), outputs);
            double expected = 0;
            for (int k = 0; k < 2; k++)
            {
                double z = (stream[(t * Inputs) + targets[k]] - outputs[k]) / ErrorStd[k];
                expected += z * z / 2;
            }

            Assert.Equal((float)expected, detector.Process(stream.AsSpan(t * Inputs, Inputs)).Error);
        }

        Assert.False(detector.HasState);
    }

    [Fact]
    public void Constructor_HorizonForecasterWithoutItsWindow_SaysWhatItExpected()
    {
        var model = Model(ModelTask.Forecast);
        var bare = RnnModel.FromDefinition(model.Definition.With(metadata: new ModelMetadata { TargetChannels = [3, 1], Task = ModelTask.Forecast }));
        var error = Assert.Throws<ArgumentException>(() => new AnomalyDetector(bare, Scoring));
        Assert.Contains("train.window", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_EncoderDecoder_HasNoneAndSaysWhere()
    {
        var detector = new AnomalyDetector(Model(ModelTask.Reconstruct), Scoring);
        Assert.False(detector.HasState);
        var error = Assert.Throws<NotSupportedException>(() => detector.State);
        Assert.Contains("SaveScoringState", error.Message, StringComparison.Ordinal);
        Assert.True(new AnomalyDetector(AnomalyDetectorTests.ForecastModel()).HasState);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Process_ReconstructOnceWarm_AllocatesNothing(bool int8)
    {
        var detector = new AnomalyDetector(Model(ModelTask.Reconstruct, int8), Scoring);
        float[] stream = Stream(60, 11);
        for (int t = 0; t < 20; t++)
        {
            detector.Process(stream.AsSpan(t * Inputs, Inputs));
        }

        float checksum = 0;
        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int t = 0; t < 60; t++)
            {
                checksum += detector.Process(stream.AsSpan(t * Inputs, Inputs)).Score;
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(float.IsFinite(checksum));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(23)]
    public void RestoreScoringState_Reconstruct_ScoresOnExactlyAsTheDetectorThatNeverStopped(int seen)
    {
        var model = Model(ModelTask.Reconstruct);
        var running = new AnomalyDetector(model, Scoring);
        float[] stream = Stream(60, 13);
        for (int t = 0; t < seen; t++)
        {
            running.Process(stream.AsSpan(t * Inputs, Inputs));
        }

        byte[] saved = new byte[running.ScoringStateSize];
        Assert.Equal(saved.Length, running.SaveScoringState(saved));
        Assert.Equal(3, BitConverter.ToUInt16(saved, 4));
        var restarted = new AnomalyDetector(model, Scoring);
        restarted.Process(stream.AsSpan(50 * Inputs, Inputs));
        restarted.RestoreScoringState(saved);
        for (int t = seen; t < seen + 30; t++)
        {
            Assert.Equal(running.Process(stream.AsSpan(t * Inputs, Inputs)), restarted.Process(stream.AsSpan(t * Inputs, Inputs)));
        }
    }

    [Fact]
    public void RestoreScoringState_AForecastersVersion2State_IsRefusedAndChangesNothing()
    {
        var forecaster = new AnomalyDetector(AnomalyDetectorTests.ForecastModel());
        forecaster.Process(AnomalyDetectorTests.Sample(0));
        byte[] other = new byte[forecaster.ScoringStateSize];
        forecaster.SaveScoringState(other);

        var detector = new AnomalyDetector(Model(ModelTask.Reconstruct), Scoring);
        var error = Assert.Throws<ModelFormatException>(() => detector.RestoreScoringState(other));
        Assert.Contains("version 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, detector.RecentErrors);
    }
}
