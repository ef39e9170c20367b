using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Data;
using EdgeRnn.Training.Training.Engine.Sequence2Sequence;
using EdgeRnn.Training.Training.Loop;
using EdgeRnn.Training.Training.Sequence2Sequence;
using Xunit.Abstractions;
using DataSet = EdgeRnn.Training.Data.TrainingData;

namespace EdgeRnn.Trainer.Tests.Training.Sequence2Sequence;

/// <summary>A trained encoder–decoder exported to the runtime: RnnSequenceDecoder's float outputs equal the trainer's forward within 1e-4.</summary>
public sealed class Seq2SeqRuntimeAgreementTests(ITestOutputHelper output)
{
    private const float Mean = 2f;
    private const float Std = 3f;

    [Theory]
    [InlineData(CellKind.Lstm, 2, AttentionKind.None, false)]
    [InlineData(CellKind.Gru, 1, AttentionKind.Dot, false)]
    [InlineData(CellKind.Lstm, 1, AttentionKind.General, false)]
    [InlineData(CellKind.Gru, 2, AttentionKind.Additive, false)]
    [InlineData(CellKind.Lstm, 1, AttentionKind.Additive, true)]
    [InlineData(CellKind.Gru, 1, AttentionKind.Dot, true)]
    public void Run_TrainedModel_MatchesTheTrainersForwardWithin1e4(CellKind kind, int layers, AttentionKind attention, bool reconstruct)
    {
        const int steps = 12;
        int horizon = reconstruct ? steps : 6;
        var data = Sines(700);
        var train = Seq2SeqWindowSet.From(data, SplitPart.Train, steps, 5, horizon, reconstruct);
        var validation = Seq2SeqWindowSet.From(data, SplitPart.Validation, steps, 3, horizon, reconstruct);
        var shape = new Seq2SeqShape(kind, 2, 10, layers, 1, horizon, attention, attention == AttentionKind.Additive ? 7 : 0);
        var trainer = new Seq2SeqTrainer(shape);
        var options = new TrainerOptions { Epochs = 3, LearningRate = 0.01, Threads = 1, Seed = 4 };
        var result = trainer.Fit(train, validation, options, new TeacherForcing(0.5));
        var expected = new float[validation.Count * horizon];
        trainer.Evaluate(validation, options, expected);
        var definition = Seq2SeqExport.ToModelDefinition(
            shape, result.BestParameters, reconstruct ? DecoderStart.Zeros : DecoderStart.LastTargets, data.InputNormalization, data.OutputNormalization,
            new ModelMetadata { TargetChannels = [1], Task = reconstruct ? ModelTask.Reconstruct : ModelTask.Forecast });
        var model = RnnModel.FromDefinition(definition);
        var decoder = model.CreateSequenceDecoder(steps);
        var outputs = new float[horizon];

        double worst = 0;
        for (int w = 0; w < validation.Count; w++)
        {
            decoder.Run(validation.RawInputs.AsSpan(w * steps * 2, steps * 2), outputs);
            for (int k = 0; k < horizon; k++)
            {
                worst = Math.Max(worst, Math.Abs(((outputs[k] - Mean) / Std) - expected[(w * horizon) + k]));
            }
        }

        output.WriteLine($"{kind} {layers} {attention} reconstruct={reconstruct}: {validation.Count} windows, max |runtime − trainer| {worst:E2} (normalised)");
        Assert.True(worst <= 1e-4, $"max difference {worst:E3}");
    }

    /// <summary>Two sines as read (mean 2, std 3 after normalisation's inverse), the second the target; the last fifth validates.</summary>
    private static DataSet Sines(int rows)
    {
        var inputs = new float[rows * 2];
        var raw = new float[rows * 2];
        var targets = new float[rows];
        for (int t = 0; t < rows; t++)
        {
            inputs[2 * t] = MathF.Sin(t * 0.21f);
            inputs[(2 * t) + 1] = MathF.Sin(t * 0.37f) + (0.3f * MathF.Sin(t * 0.05f));
            raw[2 * t] = Mean + (Std * inputs[2 * t]);
            raw[(2 * t) + 1] = Mean + (Std * inputs[(2 * t) + 1]);
            targets[t] = inputs[(2 * t) + 1];
        }

        return new DataSet
        {
            Task = ModelTask.Forecast,
            Sequences = [new DataSequence { Source = "test", Length = rows, Inputs = inputs, RawInputs = raw, Targets = targets }],
            TrainSegments = [new Segment(0, 0, rows * 4 / 5)],
            ValidationSegments = [new Segment(0, rows * 4 / 5, rows - (rows * 4 / 5))],
            InputWidth = 2,
            OutputWidth = 1,
            TargetChannels = [1],
            InputNormalization = new ChannelNormalization([Mean, Mean], [Std, Std]),
            OutputNormalization = new ChannelNormalization([Mean], [Std]),
            Summary = new DataSummary([], [], 0, []),
        };
    }
}
