using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Runs;
using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Commands.Train;

public sealed class StreamingAccuracyTests
{
    [Fact]
    public void Of_SignClassifierOnHandLabels_CountsValidationStepsOnly()
    {
        // Outputs (relu(x), relu(−x)): class 0 for x > 0, class 1 for x < 0.
        var layer = new RecurrentLayer(CellKind.RnnRelu, WeightMatrix.FromFloat(2, 1, [1f, -1f]), WeightMatrix.FromFloat(2, 2, new float[4]), new float[2], new float[2]);
        var head = new DenseLayer(WeightMatrix.FromFloat(2, 2, [1f, 0f, 0f, 1f]), new float[2]);
        var model = RnnModel.FromDefinition(new ModelDefinition([layer], head, metadata: new ModelMetadata { Task = ModelTask.Label }));
        float[] x = [1, -1, 2, -2, 3, -3, 4, -4];
        int[] labels = [0, 1, 0, 1, 1, 1, 0, 0];
        var data = new TrainingData
        {
            Task = ModelTask.Label,
            Sequences = [new DataSequence { Source = "hand", Length = 8, Inputs = x, RawInputs = x, Labels = labels }],
            TrainSegments = [new Segment(0, 0, 2)],
            ValidationSegments = [new Segment(0, 2, 3), new Segment(0, 5, 3)],
            InputWidth = 1,
            OutputWidth = 2,
            InputNormalization = ChannelNormalization.Identity(1),
            OutputNormalization = ChannelNormalization.Identity(2),
            Summary = new DataSummary([], [], 0, []),
        };

        // Steps 2..7 predict 0, 1, 0, 1, 0, 1 against labels 0, 1, 1, 1, 0, 0: four of six right.
        Assert.Equal(4.0 / 6, StreamingAccuracy.Of(model, data), 12);
    }
}
