using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Engine;
using EdgeRnn.Training.Training.Loop;

namespace EdgeRnn.Trainer.Tests.Training;

/// <summary>The trainer's forward pass and the runtime's float step agree on an exported model.</summary>
public sealed class RuntimeAgreementTests
{
    [Theory]
    [InlineData(CellKind.Lstm, 2)]
    [InlineData(CellKind.Gru, 2)]
    [InlineData(CellKind.RnnTanh, 1)]
    [InlineData(CellKind.RnnRelu, 3)]
    public void Step_ExportedTrainedModel_MatchesTrainerForwardWithin1e5(CellKind kind, int layers)
    {
        var (train, validation) = TrainingData.SineWindows(windows: 30, steps: 16);
        var trainer = new NetworkTrainer(new NetworkShape(kind, 2, 24, layers, 2));
        trainer.Fit(train, validation, new TrainerOptions { Epochs = 2, BatchSize = 8, LearningRate = 0.01 });
        var model = RnnModel.FromDefinition(trainer.ToModelDefinition());

        var batch = new SequenceBatch<float> { Count = 1, Steps = validation.Steps, Inputs = validation.Inputs.AsMemory(0, validation.Steps * 2), Targets = validation.Targets };
        var worker = new BpttWorker<float>(trainer.Shape);
        worker.Run(trainer.Network!, batch, 0, 1, new BpttOptions(LossKind.MeanSquaredError), 1, null, null);
        var expected = worker.Outputs.ToArray();

        var state = model.CreateState();
        var actual = new float[expected.Length];
        for (int t = 0; t < validation.Steps; t++)
        {
            state.Step(validation.Inputs.AsSpan(t * 2, 2), actual.AsSpan(t * 2, 2));
        }

        double error = Tolerance.MaxRelativeError<float>(actual, expected.Select(v => (double)v).ToArray());
        Assert.True(error <= 1e-5, $"Expected the runtime within 1e-5 of the trainer; worst relative difference {error:E3}.");
    }
}
