using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Scoring;

/// <summary>The whole detector a model file carries (<see cref="DetectorDefinition"/>), run by <see cref="AnomalyDetector"/>.</summary>
public sealed class ModelDetectorTests
{
    private static readonly ChannelNormalization Normalization = new([0.1f, -0.2f], [0.5f, 2f]);
    private static readonly ChannelNormalization TimedNormalization = new([0.1f, -0.2f, 0f, 0f], [0.5f, 2f, 0.7f, 0.7f]);

    [Fact]
    public void Process_WarmStream_AllocatesNothing()
    {
        var detector = new AnomalyDetector(RnnModel.FromDefinition(Detector(timeOfDay: true, changePoints: true)));
        var data = Sine(600);
        for (int r = 0; r < 200; r++)
        {
            detector.Process(data.AsSpan(r * 2, 2), Time(r));
        }

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int r = 200; r < 600; r++)
            {
                detector.Process(data.AsSpan(r * 2, 2), Time(r));
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Process_ChannelErrorKind_CombinesNormalisedChannelErrorsAgainstTheEnsembleMean(bool rootMeanSquare)
    {
        var kind = rootMeanSquare ? ChannelErrorKind.RootMeanSquare : ChannelErrorKind.MeanAbsolute;
        var definition = Detector(likelihood: LikelihoodParameters.Default with { ChannelError = kind });
        var detector = new AnomalyDetector(RnnModel.FromDefinition(definition));
        ModelDefinition[] members = [definition, .. definition.Detector!.Members];
        var states = Array.ConvertAll(members, m => RnnModel.FromDefinition(m).CreateState());
        var data = Sine(200);
        var output = new float[2];
        var mean = new double[2];
        for (int r = 0; r < 150; r++)
        {
            detector.Process(data.AsSpan(r * 2, 2));
            Array.Clear(mean);
            foreach (var state in states)
            {
                state.Step(data.AsSpan(r * 2, 2), output);
                mean[0] += output[0] / 3.0;
                mean[1] += output[1] / 3.0;
            }
        }

        Assert.Equal(mean[0], detector.Prediction[0], 5);
        Assert.Equal(mean[1], detector.Prediction[1], 5);
        float[] row = [data[300] + 0.5f, data[301] - 2f];
        double d0 = Math.Abs(row[0] - detector.Prediction[0]) / Normalization.Std[0];
        double d1 = Math.Abs(row[1] - detector.Prediction[1]) / Normalization.Std[1];

        var score = detector.Process(row);

        double expected = kind == ChannelErrorKind.RootMeanSquare ? Math.Sqrt(((d0 * d0) + (d1 * d1)) / 2) : (d0 + d1) / 2;
        Assert.Equal(expected, score.Error, 4);
        Assert.Equal((float)(d0 * d0), detector.Contributions[0], 3);
    }

    [Fact]
    public void Process_FirstSample_HasNoErrorYet()
    {
        var detector = new AnomalyDetector(RnnModel.FromDefinition(Detector()));

        var score = detector.Process([0.3f, 0.4f]);

        Assert.True(float.IsNaN(score.Error));
        Assert.Equal(0, score.Score);
        Assert.False(score.IsWarm);
    }

    [Fact]
    public void Process_TimeOfDayModelWithoutTimestamp_ThrowsSayingWhichOverload()
    {
        var detector = new AnomalyDetector(RnnModel.FromDefinition(Detector(timeOfDay: true)));

        var ex = Assert.Throws<InvalidOperationException>(() => detector.Process([0.3f, 0.4f]));

        Assert.Contains("Process(sample, timestamp)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, detector.SampleSize);
        Assert.Equal(4, detector.Model.InputSize);
    }

    [Fact]
    public void Process_TimeOfDay_IsAnInputOfTheModel()
    {
        var definition = Detector(timeOfDay: true);
        var a = new AnomalyDetector(RnnModel.FromDefinition(definition));
        var b = new AnomalyDetector(RnnModel.FromDefinition(definition));

        a.Process([0.3f, 0.4f], new DateTime(2024, 1, 1, 3, 0, 0));
        b.Process([0.3f, 0.4f], new DateTime(2024, 1, 1, 15, 0, 0));

        Assert.NotEqual(a.Prediction.ToArray(), b.Prediction.ToArray());
    }

    [Fact]
    public void Process_LevelShiftOfTheError_ReportsAChangePoint()
    {
        var detector = new AnomalyDetector(RnnModel.FromDefinition(Detector(changePoints: true)));
        var data = Sine(400);
        var shifts = new List<(int Row, LevelShift Shift)>();
        for (int r = 0; r < 400; r++)
        {
            var sample = data.AsSpan(r * 2, 2).ToArray();
            if (r >= 300)
            {
                sample[0] += 20;
            }

            var score = detector.Process(sample);
            if (score.ChangePoint != LevelShift.None)
            {
                shifts.Add((r, score.ChangePoint));
            }
        }

        Assert.True(shifts.Exists(s => s.Row >= 300 && s.Row < 345 && s.Shift == LevelShift.Up), string.Join(", ", shifts));
    }

    [Fact]
    public void Process_ScoreAtOrAboveTheThreshold_IsAnAlarm()
    {
        var detector = new AnomalyDetector(RnnModel.FromDefinition(Detector(threshold: 0.3)));
        var data = Sine(400);
        bool sawAlarm = false;
        for (int r = 0; r < 400; r++)
        {
            var sample = data.AsSpan(r * 2, 2).ToArray();
            if (r >= 350)
            {
                sample[0] += 50;
            }

            var score = detector.Process(sample);
            Assert.Equal(score.Score >= 0.3f, score.AboveThreshold);
            sawAlarm |= score.AboveThreshold;
        }

        Assert.True(sawAlarm);
        Assert.Equal(0.3f, detector.Threshold);
    }

    [Fact]
    public void ModelFile_WithADetector_RoundTripsEveryMemberAndSetting()
    {
        var definition = Detector(timeOfDay: true, changePoints: true, likelihood: LikelihoodParameters.Default with { TwoSided = true, ZScale = 3.5, Baseline = LikelihoodBaseline.TrainingMaximum, FreezeAfterRows = 90 });
        byte[] bytes = RnnModel.FromDefinition(definition).ToBytes();

        var loaded = RnnModel.Load(bytes).Definition;

        Assert.Equal(1, BitConverter.ToUInt16(bytes, 10));
        Assert.NotNull(loaded.Detector);
        Assert.Equal(definition.Detector!.Likelihood, loaded.Detector!.Likelihood);
        Assert.Equal(definition.Detector.ChangePoints, loaded.Detector.ChangePoints);
        Assert.Equal(definition.Detector.Threshold, loaded.Detector.Threshold);
        Assert.True(loaded.Detector.TimeOfDay);
        Assert.Equal(2, loaded.Detector.Members.Count);
        Assert.Equal(bytes, RnnModel.FromDefinition(loaded).ToBytes());
        for (int m = 0; m < 2; m++)
        {
            Assert.Equal(definition.Detector.Members[m].Layers[0].WeightHh.Values.ToArray(), loaded.Detector.Members[m].Layers[0].WeightHh.Values.ToArray());
        }
    }

    [Fact]
    public void ModelFile_WithoutADetector_StaysFormatOneZero()
    {
        var definition = TestModels.Random(CellKind.Gru, 2, 8, 1, 2, seed: 1);

        byte[] bytes = RnnModel.FromDefinition(definition).ToBytes();

        Assert.Equal(0, BitConverter.ToUInt16(bytes, 10));
        Assert.Null(RnnModel.Load(bytes).Definition.Detector);
    }

    [Fact]
    public void ModelFile_Quantized_QuantizesEveryMember()
    {
        var quantized = ModelQuantizer.Quantize(Detector(), out _);

        Assert.All(quantized.Detector!.Members, m => Assert.True(m.IsQuantized));
        Assert.True(RnnModel.Load(RnnModel.FromDefinition(quantized).ToBytes()).Definition.Detector!.Members[1].IsQuantized);
    }

    [Fact]
    public void Constructor_MemberOfAnotherShape_ThrowsNamingBoth()
    {
        var first = Detector();
        var other = TestModels.Random(CellKind.Gru, 3, 8, 1, 3, seed: 4);

        var ex = Assert.Throws<ArgumentException>(() => first.With(detector: first.Detector!.WithMembers([other])));

        Assert.Contains("Expected ensemble member 1 to take 2 inputs and give 2 outputs", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(333)]
    public void RestoreScoringState_WithTheFirstState_ScoresOnBitForBitAsTheDetectorThatNeverStopped(int seen)
    {
        var model = RnnModel.FromDefinition(Detector(timeOfDay: true, changePoints: true, likelihood: LikelihoodParameters.Default with { LongWindow = 97, SpatialWindow = 50, ValueWindow = 40, SuppressionRows = 20 }));
        var running = new AnomalyDetector(model);
        var data = Sine(seen + 400);
        for (int r = 0; r < seen; r++)
        {
            running.Process(data.AsSpan(r * 2, 2), Time(r));
        }

        byte[] scoring = new byte[running.ScoringStateSize];
        Assert.Equal(scoring.Length, running.SaveScoringState(scoring));
        var restarted = new AnomalyDetector(RnnModel.Load(model.ToBytes()));
        restarted.State.Restore(running.State.ToBytes());
        restarted.RestoreScoringState(scoring);

        for (int r = seen; r < seen + 400; r++)
        {
            var sample = data.AsSpan(r * 2, 2).ToArray();
            if (r % 97 == 13)
            {
                sample[1] += 7f;
            }

            Assert.Equal(running.Process(sample, Time(r)), restarted.Process(sample, Time(r)));
            Assert.Equal(running.Prediction.ToArray(), restarted.Prediction.ToArray());
        }
    }

    [Fact]
    public void RestoreScoringState_CorruptOrForeign_ThrowsAndChangesNothing()
    {
        var model = RnnModel.FromDefinition(Detector(changePoints: true));
        var running = new AnomalyDetector(model);
        var data = Sine(300);
        for (int r = 0; r < 150; r++)
        {
            running.Process(data.AsSpan(r * 2, 2));
        }

        byte[] scoring = new byte[running.ScoringStateSize];
        running.SaveScoringState(scoring);
        var fresh = new AnomalyDetector(model);
        byte[] corrupt = (byte[])scoring.Clone();
        corrupt[40] ^= 0x20;
        var other = new AnomalyDetector(RnnModel.FromDefinition(Detector(seed: 9, changePoints: true)));

        Assert.Contains("CRC-32", Assert.Throws<ModelFormatException>(() => fresh.RestoreScoringState(corrupt)).Message, StringComparison.Ordinal);
        Assert.Throws<ModelFormatException>(() => fresh.RestoreScoringState(scoring.AsSpan(0, scoring.Length - 8)));
        Assert.Contains("checksum", Assert.Throws<ModelFormatException>(() => other.RestoreScoringState(scoring)).Message, StringComparison.Ordinal);
        var reference = new AnomalyDetector(model);
        for (int r = 0; r < 150; r++)
        {
            Assert.Equal(reference.Process(data.AsSpan(r * 2, 2)), fresh.Process(data.AsSpan(r * 2, 2)));
        }
    }

    [Fact]
    public void RestoreScoringState_FieldOutOfRange_NamesTheFieldAndItsByteInTheBlob()
    {
        var model = RnnModel.FromDefinition(Detector());
        var running = new AnomalyDetector(model);
        running.Process([0.3f, 0.1f]);
        byte[] scoring = new byte[running.ScoringStateSize];
        running.SaveScoringState(scoring);

        // ERSD version 2 (models/FORMAT.md §13.3): the 12-byte envelope header, the model checksum, then the prediction flag at byte 16.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(scoring.AsSpan(16), 7);
        Runtime.Blobs.CheckedBlob.Seal(scoring, "ERSD"u8, 2);
        var ex = Assert.Throws<ModelFormatException>(() => new AnomalyDetector(model).RestoreScoringState(scoring));

        Assert.Equal("Saved detector state, byte 16: expected the prediction flag in [0, 1]; found 7.", ex.Message);
    }

    internal static ModelDefinition Detector(bool timeOfDay = false, bool changePoints = false, LikelihoodParameters? likelihood = null, double threshold = 0.9, int seed = 1)
    {
        int inputs = timeOfDay ? 4 : 2;
        var normalization = timeOfDay ? TimedNormalization : Normalization;
        var metadata = new ModelMetadata { Task = ModelTask.Forecast, TargetChannels = [0, 1] };
        ModelDefinition Member(int s) => TestModels.Random(CellKind.Gru, inputs, 8, 1, 2, s).With(metadata: metadata, inputNormalization: normalization, outputNormalization: Normalization);
        likelihood ??= LikelihoodParameters.Default with { SuppressionRows = 5, LongWindow = 200, SkipRows = 4, MinimumHistory = 20 };
        var detector = new DetectorDefinition(likelihood, threshold, [Member(seed + 1), Member(seed + 2)], timeOfDay, changePoints ? new ChangePointParameters { RecentRows = 5, ReferenceRows = 30, Ratio = 1.5 } : null);
        return Member(seed).With(detector: detector);
    }

    private static DateTime Time(int row) => new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(5 * row);

    private static float[] Sine(int rows)
    {
        var data = new float[rows * 2];
        for (int r = 0; r < rows; r++)
        {
            data[2 * r] = MathF.Sin(r * 0.1f);
            data[(2 * r) + 1] = MathF.Cos(r * 0.07f) * 2;
        }

        return data;
    }
}
