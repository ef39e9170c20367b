using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Trainer.Tests.Data;
using EdgeRnn.Training.Data;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Engine;
using EdgeRnn.Training.Training.Loop;

namespace EdgeRnn.Trainer.Tests.Training;

/// <summary>A text model with a learned embedding, trained on a small corpus: the runtime agrees with the trainer.</summary>
public sealed class EmbeddingTrainingTests : IDisposable
{
    private const string Text = "the pump hums, the valve clicks; the pump hums again.\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(CellKind.Lstm, 2)]
    [InlineData(CellKind.Gru, 1)]
    [InlineData(CellKind.RnnTanh, 2)]
    public void StepToken_ExportedTrainedModel_MatchesTrainerForwardWithin1e4(CellKind kind, int layers)
    {
        var (trainer, validation) = Train(kind, layers);
        var expected = TrainerLogits(trainer.Network!, trainer.Shape, validation);

        var actual = RuntimeLogits(trainer.ToModelDefinition(), validation);

        double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= 1e-4, $"Expected the runtime within 1e-4 of the trainer; worst |difference| {worst:E3}.");
    }

    [Fact]
    public void StepToken_Int8Table_MatchesTrainerWithTheDequantizedTableWithin1e4()
    {
        var (trainer, validation) = Train(CellKind.Lstm, 1);
        var definition = trainer.ToModelDefinition();
        var quantized = ModelQuantizer.Quantize(definition, out _);
        var int8Table = new ModelDefinition(definition.Layers, definition.Head, embedding: quantized.Embedding);
        var network = new SequenceNetwork<float>(trainer.Layout, (float[])trainer.Network!.Parameters.Clone());
        quantized.Embedding!.Weight.ToFloatArray().CopyTo(trainer.Layout.Embedding.Of(network.Parameters));
        network.Refresh();
        var expected = TrainerLogits(network, trainer.Shape, validation);

        var actual = RuntimeLogits(int8Table, validation);

        Assert.True(int8Table.Embedding!.IsQuantized);
        double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= 1e-4, $"Expected the int8 table's runtime within 1e-4 of the trainer on the same rows; worst |difference| {worst:E3}.");
    }

    [Fact]
    public void StepToken_WholeModelInt8_CloseToFloat()
    {
        var (trainer, validation) = Train(CellKind.Gru, 2);
        var definition = trainer.ToModelDefinition();
        var exact = RuntimeLogits(definition, validation);

        var int8 = RuntimeLogits(ModelQuantizer.Quantize(definition, out _), validation);

        double rmse = Math.Sqrt(exact.Zip(int8, (e, a) => (e - a) * (e - a)).Average());
        double mean = exact.Average();
        double std = Math.Sqrt(exact.Select(v => (v - mean) * (v - mean)).Average());
        Assert.True(rmse / std < 0.05, $"Expected int8 logits within 5% RMSE/std of float; found {rmse / std:F4}.");
    }

    [Fact]
    public void Checkpoint_EmbeddingNetwork_ResumesWithTheSameShapeAndWeights()
    {
        var (trainer, _) = Train(CellKind.Gru, 1);
        string path = Path.Combine(_folder.Path, "emb.ckpt");

        trainer.SaveCheckpoint(path);
        var loaded = NetworkTrainer.LoadCheckpoint(path);

        Assert.Equal(trainer.Shape, loaded.Shape);
        Assert.Equal(6, loaded.Shape.EmbeddingSize);
        Assert.Equal(trainer.Network!.Parameters, loaded.Network!.Parameters);
    }

    private (NetworkTrainer Trainer, WindowSet Validation) Train(CellKind kind, int layers)
    {
        string file = _folder.Write("corpus.txt", string.Concat(Enumerable.Repeat(Text, 12)));
        var data = TextCorpus.Load([file], 0.2);
        var train = DataWindows.FromTrainingData(data, SplitPart.Train, 20, 20);
        var validation = DataWindows.FromTrainingData(data, SplitPart.Validation, 20, 20);
        var trainer = new NetworkTrainer(new NetworkShape(kind, data.InputWidth, 12, layers, data.OutputWidth, embeddingSize: 6));
        trainer.Fit(train, validation, new TrainerOptions { Loss = LossKind.CrossEntropyPerStep, Epochs = 3, BatchSize = 4, LearningRate = 0.01, Threads = 1 });
        return (trainer, validation);
    }

    /// <summary>The trainer's logits of the first validation window, [steps, V].</summary>
    private static float[] TrainerLogits(SequenceNetwork<float> network, NetworkShape shape, WindowSet validation)
    {
        int width = validation.InputSize;
        var batch = new SequenceBatch<float> { Count = 1, Steps = validation.Steps, Inputs = validation.Inputs.AsMemory(0, validation.Steps * width), Labels = validation.Labels.AsMemory(0, validation.Steps) };
        var worker = new BpttWorker<float>(shape);
        worker.Run(network, batch, 0, 1, new BpttOptions(LossKind.CrossEntropyPerStep), validation.Steps, null, null);
        return worker.Outputs.ToArray();
    }

    /// <summary>The runtime's logits of the first validation window, each step's token through <see cref="RnnState.StepToken"/>.</summary>
    private static float[] RuntimeLogits(ModelDefinition definition, WindowSet validation)
    {
        var model = RnnModel.FromDefinition(definition);
        int width = validation.InputSize;
        var state = model.CreateState();
        var logits = new float[validation.Steps * model.OutputSize];
        for (int t = 0; t < validation.Steps; t++)
        {
            int token = validation.Inputs.AsSpan(t * width, width).IndexOf(1f);
            state.StepToken(token, logits.AsSpan(t * model.OutputSize, model.OutputSize));
        }

        return logits;
    }
}
