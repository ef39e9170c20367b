using EdgeRnn.Runtime;
using EdgeRnn.Trainer.Tests.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands;

/// <summary><c>edgernn train --bidirectional</c>: whole-window class models, int8 with the float/int8 report.</summary>
public sealed class TrainBidirectionalTests
{
    [Theory]
    [InlineData("label", "gru")]
    [InlineData("classify", "lstm")]
    public void Train_Bidirectional_WritesAWindowModelWithTheFloatInt8Report(string task, string cell)
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "labelled.csv", 800, labels: true);
        string model = Path.Combine(folder.Path, "m.ernn");

        var (code, output, error) = Run(["train", "--data", data, "--out", model, "--task", task, "--cell", cell, "--bidirectional", "--quantize", "int8", .. Small]);

        Assert.True(code == 0, error);
        Assert.Contains("bidirectional", output, StringComparison.Ordinal);
        Assert.Contains("validation accuracy", output, StringComparison.Ordinal);
        Assert.Contains("model size int8", output, StringComparison.Ordinal);
        var loaded = RnnModel.Load(model);
        Assert.True(loaded.IsQuantized);
        Assert.All(loaded.Definition.Layers, l => Assert.True(l.IsBidirectional && l.Reverse!.IsQuantized));
        Assert.Equal("true", loaded.Definition.Metadata.Properties["train.bidirectional"]);
        Assert.Throws<NotSupportedException>(loaded.CreateState);
        var window = loaded.CreateWindow(16);
        var outputs = new float[16 * loaded.OutputSize];
        window.Run(new float[16 * loaded.InputSize], outputs);
        Assert.All(outputs, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Train_BidirectionalForecast_FailsNamingTheTasks()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "plain.csv", 400);

        var (code, _, error) = Run(["train", "--data", data, "--out", Path.Combine(folder.Path, "m.ernn"), "--bidirectional", .. Small]);

        Assert.NotEqual(0, code);
        Assert.Contains("--bidirectional: expected --task classify or label", error, StringComparison.Ordinal);
    }
}
