using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Evaluation.Classes;

namespace EdgeRnn.Trainer.Tests.Evaluation.Classes;

/// <summary>Which window reads each row, and that the readings are the runtime's outputs for that window.</summary>
public sealed class ClassReadingsTests
{
    private static readonly Dictionary<string, string> NoProperties = [];

    [Fact]
    public void Label_Overlapping_EachRowKeepsTheWindowWithTheMostContextOnItsShorterSide()
    {
        var model = WindowPlanTests.Model(NoProperties);
        float[] inputs = Inputs(9, seed: 3);
        var plan = new WindowPlan(5, 2, "test");

        var readings = ClassReadings.Run(model, inputs, plan);

        // Windows (start, count): (0,2) (0,4) (1,5) (3,5) (4,5). Row 0 has no past anywhere: the longer (0,4); row 4 has one
        // row on its shorter side in (1,5) and (3,5): the later.
        Assert.Equal([0, 1, 1, 2, 1, 2, 2, 3, 4], readings.Position);
        Assert.Equal([4, 4, 5, 5, 5, 5, 5, 5, 5], readings.WindowLength);
        foreach (var (row, start, count) in new[] { (0, 0, 4), (1, 0, 4), (2, 1, 5), (3, 1, 5), (4, 3, 5), (5, 3, 5), (6, 4, 5), (8, 4, 5) })
        {
            var expected = WindowOutputs(model, inputs, start, count);
            Assert.Equal(expected.AsSpan((row - start) * 2, 2).ToArray(), readings.Outputs.AsSpan(row * 2, 2).ToArray());
            Assert.Equal(expected[(row - start) * 2] >= expected[((row - start) * 2) + 1] ? 0 : 1, readings.Predicted[row]);
        }
    }

    [Fact]
    public void Classify_ReadsOneClassPerWindowAtItsLastRow()
    {
        var model = WindowPlanTests.Model(NoProperties, ModelTask.Classify);
        float[] inputs = Inputs(10, seed: 4);

        var readings = ClassReadings.Run(model, inputs, new WindowPlan(4, 4, "test"));

        Assert.Equal([-1, -1, -1, 3, -1, -1, -1, 3, -1, 3], readings.Position);
        Assert.All(new[] { 0, 1, 2, 4, 5, 6, 8 }, r => Assert.True(readings.Predicted[r] < 0 && float.IsNaN(readings.Outputs[2 * r])));
        var last = WindowOutputs(model, inputs, 6, 4);
        Assert.Equal(last.AsSpan(6, 2).ToArray(), readings.Outputs.AsSpan(18, 2).ToArray());
    }

    [Fact]
    public void Unidirectional_StepsEveryRowAsTheRuntimeState()
    {
        var model = WindowPlanTests.Model(NoProperties, bidirectional: false);
        float[] inputs = Inputs(30, seed: 5);
        inputs[17] = float.NaN;

        var readings = ClassReadings.Run(model, inputs, plan: null);

        var state = model.CreateState();
        var output = new float[2];
        for (int r = 0; r < 30; r++)
        {
            state.Step(inputs.AsSpan(r * 2, 2), output);
            Assert.Equal(output, readings.Outputs.AsSpan(r * 2, 2).ToArray());
        }

        Assert.All(readings.Position, p => Assert.Equal(-1, p));
    }

    [Fact]
    public void Run_RefusesWhatItCannotRead()
    {
        var bidirectional = WindowPlanTests.Model(NoProperties);
        var forecaster = WindowPlanTests.Model(NoProperties, ModelTask.Forecast, bidirectional: false);

        Assert.Contains("expected a window plan", Assert.Throws<ArgumentException>(() => ClassReadings.Run(bidirectional, new float[8], null)).Message, StringComparison.Ordinal);
        Assert.Contains("expected a classify or label model; found a forecast model", Assert.Throws<ArgumentException>(() => ClassReadings.Run(forecaster, new float[8], null)).Message, StringComparison.Ordinal);
        Assert.Contains("expected whole rows of 2 inputs; found 7", Assert.Throws<ArgumentException>(() => ClassReadings.Run(bidirectional, new float[7], new WindowPlan(4, 4, "test"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_CountsEachPartOfTheWindow()
    {
        var model = WindowPlanTests.Model(NoProperties);
        float[] inputs = Inputs(12, seed: 6);
        var readings = ClassReadings.Run(model, inputs, new WindowPlan(6, 6, "test"));
        int[] labels = [.. readings.Predicted];
        labels[5] = 1 - labels[5];   // the first window's last row is read wrongly
        var report = new ClassReport(["no", "yes"]);

        report.Add(readings, labels);

        Assert.Equal(11.0 / 12, report.Overall.Accuracy, 12);
        Assert.Equal(2, report.ByPart[(int)WindowPart.FirstStep].Total);
        Assert.Equal(4, report.ByPart[(int)WindowPart.FirstThird].Total);
        Assert.Equal(4, report.ByPart[(int)WindowPart.MiddleThird].Total);
        Assert.Equal(4, report.ByPart[(int)WindowPart.LastThird].Total);
        Assert.Equal(0.5, report.ByPart[(int)WindowPart.LastStep].Accuracy, 12);
        Assert.Equal(0.75, report.ByPart[(int)WindowPart.LastThird].Accuracy, 12);
        Assert.Equal(1.0, report.ByPart[(int)WindowPart.MiddleThird].Accuracy, 12);
        Assert.Contains(report.Describe("x.csv"), l => l.StartsWith("  last step", StringComparison.Ordinal) && l.Contains("accuracy 0.5000", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => report.Add(readings, new int[11]));
    }

    private static float[] WindowOutputs(RnnModel model, float[] inputs, int start, int count)
    {
        var outputs = new float[count * 2];
        model.CreateWindow(count).Run(inputs.AsSpan(start * 2, count * 2), outputs);
        return outputs;
    }

    private static float[] Inputs(int rows, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows * 2).Select(_ => (float)((random.NextDouble() * 4) - 2))];
    }
}
