using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Evaluation.Classes;

namespace EdgeRnn.Trainer.Tests.Evaluation.Classes;

/// <summary>The windows of a class model over a recording: the device's N and K, plus a last window at the end of a file.</summary>
public sealed class WindowPlanTests
{
    [Fact]
    public void Windows_SideBySide_EndWithOneOverTheLastRows()
    {
        var plan = new WindowPlan(4, 4, "test");

        Assert.Equal([(0, 4), (4, 4), (6, 4)], plan.Windows(10));
        Assert.Equal([(0, 4), (4, 4)], plan.Windows(8));
        Assert.Equal([(0, 3)], plan.Windows(3));
        Assert.Empty(plan.Windows(0));
    }

    [Fact]
    public void Windows_Overlapping_StartShortAsOnTheBoard()
    {
        var plan = new WindowPlan(5, 2, "test");

        // The board after 2, 4, 6, 8 samples labels the last min(samples, 5); the file ends at 9: one more window.
        Assert.Equal([(0, 2), (0, 4), (1, 5), (3, 5), (4, 5)], plan.Windows(9));
    }

    [Fact]
    public void Resolve_TakesTheOptionsThenTheTrainingWindowThenTheDefault()
    {
        var trained = Model(new Dictionary<string, string> { ["train.window"] = "48" });
        var plain = Model(new Dictionary<string, string>());

        Assert.Equal(new WindowPlan(48, 48, "the model's training window"), WindowPlan.Resolve(trained, 0, 0));
        Assert.Equal(new WindowPlan(16, 4, "--window-samples"), WindowPlan.Resolve(trained, 16, 4));
        Assert.Equal(new WindowPlan(48, 8, "the model's training window"), WindowPlan.Resolve(trained, 0, 8));
        Assert.Equal(new WindowPlan(WindowPlan.DefaultSamples, WindowPlan.DefaultSamples, "the default"), WindowPlan.Resolve(plain, 0, 0));
        Assert.Contains("--window-samples: expected 0", Assert.Throws<ArgumentException>(() => WindowPlan.Resolve(plain, -1, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("--window-every: expected 0", Assert.Throws<ArgumentException>(() => WindowPlan.Resolve(plain, 8, -2)).Message, StringComparison.Ordinal);
    }

    /// <summary>A small GRU class model over inputs a, b with two outputs, random weights.</summary>
    internal static RnnModel Model(IReadOnlyDictionary<string, string> properties, ModelTask task = ModelTask.Label, bool bidirectional = true, int hidden = 3)
    {
        var random = new Random(7);
        float[] Weights(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        int rows = 3 * hidden;
        RecurrentLayer Unit() => new(CellKind.Gru, WeightMatrix.FromFloat(rows, 2, Weights(rows * 2)), WeightMatrix.FromFloat(rows, hidden, Weights(rows * hidden)), Weights(rows), Weights(rows));
        var layer = bidirectional ? RecurrentLayer.Bidirectional(Unit(), Unit()) : Unit();
        var head = new DenseLayer(WeightMatrix.FromFloat(2, layer.OutputSize, Weights(2 * layer.OutputSize)), Weights(2));
        var metadata = new ModelMetadata { FeatureNames = ["a", "b"], Task = task, Properties = properties };
        return RnnModel.FromDefinition(new ModelDefinition([layer], head, metadata: metadata));
    }
}
