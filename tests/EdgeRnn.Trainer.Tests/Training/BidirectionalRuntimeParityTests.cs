using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Engine;
using EdgeRnn.Training.Training.Optimization;

namespace EdgeRnn.Trainer.Tests.Training;

/// <summary>The runtime's window (<see cref="RnnWindow"/>) against the trainer's forward pass on the exported bidirectional model.</summary>
public sealed class BidirectionalRuntimeParityTests
{
    [Theory]
    [InlineData(CellKind.Lstm, 2)]
    [InlineData(CellKind.Gru, 2)]
    [InlineData(CellKind.RnnTanh, 1)]
    [InlineData(CellKind.RnnRelu, 3)]
    public void Window_ExportedBidirectionalNetwork_MatchesTheTrainerWithin1e4(CellKind kind, int layers)
    {
        const int steps = 37;
        var shape = new NetworkShape(kind, 3, 13, layers, 4, bidirectional: true);
        var layout = new ParameterLayout(shape);
        float[] parameters = ParameterInitializer.Initialize(layout, seed: 7);
        var random = new Random(11);
        var inputs = new float[steps * shape.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)((random.NextDouble() * 4) - 2);
        }

        var worker = new BpttWorker<float>(shape);
        var batch = new SequenceBatch<float> { Count = 1, Steps = steps, Inputs = inputs, Targets = new float[steps * shape.OutputSize] };
        worker.Run(new SequenceNetwork<float>(layout, parameters), batch, 0, 1, new BpttOptions(LossKind.MeanSquaredError), 1, null, null);
        var model = RnnModel.FromDefinition(ModelExport.ToModelDefinition(shape, parameters));
        var outputs = new float[steps * shape.OutputSize];

        model.CreateWindow(steps).Run(inputs, outputs);

        var expected = worker.Outputs;
        for (int i = 0; i < outputs.Length; i++)
        {
            Assert.True(Math.Abs(outputs[i] - expected[i]) <= 1e-4, $"output {i}: runtime {outputs[i]} vs trainer {expected[i]}");
        }
    }
}
