using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Engine;

namespace EdgeRnn.Trainer.Tests.Training;

public sealed class CarriedStateTests
{
    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.RnnRelu)]
    public void Run_TwoWindowsWithCarriedState_EqualsOneLongWindow(CellKind kind)
    {
        var shape = new NetworkShape(kind, 3, 6, 2, 2);
        var layout = new ParameterLayout(shape);
        var random = new DeterministicRandom(21);
        var network = new SequenceNetwork<double>(layout, TestData.RandomParameters(layout, 0.5, ref random));
        const int steps = 10;
        var inputs = TestData.RandomValues<double>(2 * steps * 3, 1, ref random);
        var longRun = new BpttWorker<double>(shape);
        var whole = new SequenceBatch<double> { Count = 1, Steps = 2 * steps, Inputs = inputs, Targets = new double[2 * steps * 2] };
        var wholeFinal = new RecurrentStates<double>(shape, 1);
        longRun.Run(network, whole, 0, 1, new BpttOptions(LossKind.MeanSquaredError), 1, null, wholeFinal);
        var expected = longRun.Outputs.ToArray();

        var worker = new BpttWorker<double>(shape);
        var carried = new RecurrentStates<double>(shape, 1);
        var actual = new List<double>();
        for (int half = 0; half < 2; half++)
        {
            var batch = new SequenceBatch<double>
            {
                Count = 1,
                Steps = steps,
                Inputs = inputs.AsMemory(half * steps * 3, steps * 3),
                Targets = new double[steps * 2],
                InitialStates = half == 0 ? null : carried,
            };
            var final = new RecurrentStates<double>(shape, 1);
            worker.Run(network, batch, 0, 1, new BpttOptions(LossKind.MeanSquaredError), 1, null, final);
            actual.AddRange(worker.Outputs.ToArray());
            carried = final;
        }

        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-12);
        }

        Assert.Equal(wholeFinal.Hidden, carried.Hidden);
        Assert.Equal(wholeFinal.Cell, carried.Cell);
    }
}
