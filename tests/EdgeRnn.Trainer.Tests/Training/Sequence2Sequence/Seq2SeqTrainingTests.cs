using EdgeRnn.Runtime.Model;
using EdgeRnn.Training;
using EdgeRnn.Training.Data;
using DataSet = EdgeRnn.Training.Data.TrainingData;
using EdgeRnn.Training.Training.Engine.Sequence2Sequence;
using EdgeRnn.Training.Training.Loop;
using EdgeRnn.Training.Training.Sequence2Sequence;

namespace EdgeRnn.Trainer.Tests.Training.Sequence2Sequence;

/// <summary>The encoder–decoder's windows, teacher-forcing plans, trainer and export.</summary>
public sealed class Seq2SeqTrainingTests
{
    [Fact]
    public void From_ForecastAndReconstruct_CutTheRowsTheModelDefines()
    {
        var data = Ramp(rows: 20, validationFrom: 20);

        var forecast = Seq2SeqWindowSet.From(data, SplitPart.Train, steps: 4, stride: 5, horizon: 3, reconstruct: false);
        var reconstruct = Seq2SeqWindowSet.From(data, SplitPart.Train, steps: 4, stride: 5, horizon: 4, reconstruct: true);

        // Input row t holds (t, 100 + t); the target channel is channel 1.
        Assert.Equal(3, forecast.Count); // starts 0, 5, 10 (15 needs rows 15..21)
        Assert.Equal([5, 105, 6, 106, 7, 107, 8, 108], forecast.Inputs.AsSpan(8, 8).ToArray());
        Assert.Equal(108f, forecast.Starts[1]);
        Assert.Equal([109f, 110f, 111f], forecast.Targets.AsSpan(3, 3).ToArray());
        Assert.Equal(4, reconstruct.Count);
        Assert.Equal(0f, reconstruct.Starts[1]);
        Assert.Equal([108f, 107f, 106f, 105f], reconstruct.Targets.AsSpan(4, 4).ToArray());
        Assert.Throws<ArgumentException>(() => Seq2SeqWindowSet.From(data, SplitPart.Train, 4, 5, 3, reconstruct: true));
    }

    [Fact]
    public void Probability_Schedules_FollowTheirFormulas()
    {
        var linear = new TeacherForcing(1, ScheduledSampling.Linear);
        var sigmoid = new TeacherForcing(1, ScheduledSampling.InverseSigmoid, 7.5);

        Assert.Equal(0.25, new TeacherForcing(0.25).Probability(9, 10));
        Assert.Equal(1, linear.Probability(0, 5));
        Assert.Equal(0.5, linear.Probability(2, 5));
        Assert.Equal(0, linear.Probability(4, 5));
        Assert.Equal(7.5 / (7.5 + Math.Exp(2)), sigmoid.Probability(15, 30), 12);
        Assert.True(sigmoid.Probability(0, 30) > 0.88 && sigmoid.Probability(29, 30) < 0.2);
    }

    [Fact]
    public void Draw_SameSeedEpochAndBatch_GivesTheSameMaskWithTheAskedShare()
    {
        var a = new bool[20_000];
        var b = new bool[20_000];
        var other = new bool[20_000];

        TeacherForcing.Draw(a, 0.3, seed: 5, epoch: 2, batch: 7);
        TeacherForcing.Draw(b, 0.3, seed: 5, epoch: 2, batch: 7);
        TeacherForcing.Draw(other, 0.3, seed: 5, epoch: 2, batch: 8);

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
        Assert.InRange(a.Count(x => x) / 20_000.0, 0.28, 0.32);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void Fit_SineForecast_LowersTheFreeRunningLossAndExports(double ratio)
    {
        var data = Sines(rows: 900);
        var train = Seq2SeqWindowSet.From(data, SplitPart.Train, 16, 4, 5, reconstruct: false);
        var validation = Seq2SeqWindowSet.From(data, SplitPart.Validation, 16, 4, 5, reconstruct: false);
        var shape = new Seq2SeqShape(CellKind.Gru, 2, 12, 1, 1, 5, AttentionKind.Dot);
        var trainer = new Seq2SeqTrainer(shape);
        var options = new TrainerOptions { Epochs = 8, LearningRate = 0.01, Threads = 1, Seed = 2 };
        trainer.Initialize(options.Seed);
        double before = trainer.Evaluate(validation, options);

        var result = trainer.Fit(train, validation, options, new TeacherForcing(ratio));

        Assert.True(result.BestValidationLoss < 0.5 * before, $"{before} -> {result.BestValidationLoss}");
        Assert.Equal(result.BestValidationLoss, trainer.Evaluate(validation, options));
        var definition = Seq2SeqExport.ToModelDefinition(shape, result.BestParameters, DecoderStart.LastTargets, metadata: new ModelMetadata { TargetChannels = [1] });
        Assert.Equal(5, definition.Decoder!.Horizon);
        Assert.Equal(AttentionKind.Dot, definition.Decoder.Attention);
        Assert.Equal(new Seq2SeqLayout(shape)["decoder.weight_hh_l0"].Of(result.BestParameters).ToArray(), definition.Decoder.Layers[0].WeightHh.ToFloatArray());
    }

    /// <summary>One file of <paramref name="rows"/> rows, row t = (t, 100 + t), target channel 1, identity normalisation.</summary>
    private static DataSet Ramp(int rows, int validationFrom)
    {
        var inputs = new float[rows * 2];
        var targets = new float[rows];
        for (int t = 0; t < rows; t++)
        {
            inputs[2 * t] = t;
            inputs[(2 * t) + 1] = 100 + t;
            targets[t] = 100 + t;
        }

        return Data(inputs, targets, rows, validationFrom);
    }

    /// <summary>Two sines, the second the target; the last fifth validates.</summary>
    private static DataSet Sines(int rows)
    {
        var inputs = new float[rows * 2];
        var targets = new float[rows];
        for (int t = 0; t < rows; t++)
        {
            inputs[2 * t] = MathF.Sin(t * 0.21f);
            inputs[(2 * t) + 1] = MathF.Sin(t * 0.37f);
            targets[t] = inputs[(2 * t) + 1];
        }

        return Data(inputs, targets, rows, rows * 4 / 5);
    }

    private static DataSet Data(float[] inputs, float[] targets, int rows, int validationFrom) => new()
    {
        Task = ModelTask.Forecast,
        Sequences = [new DataSequence { Source = "test", Length = rows, Inputs = inputs, RawInputs = inputs, Targets = targets }],
        TrainSegments = [new Segment(0, 0, validationFrom)],
        ValidationSegments = validationFrom < rows ? [new Segment(0, validationFrom, rows - validationFrom)] : [],
        InputWidth = 2,
        OutputWidth = 1,
        TargetChannels = [1],
        InputNormalization = ChannelNormalization.Identity(2),
        OutputNormalization = ChannelNormalization.Identity(1),
        Summary = new DataSummary([], [], 0, []),
    };
}
