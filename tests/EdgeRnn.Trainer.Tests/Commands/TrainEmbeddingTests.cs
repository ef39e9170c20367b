using EdgeRnn.Runtime;
using EdgeRnn.Trainer.Tests.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands;

/// <summary><c>edgernn train --task text --embedding</c>, and <c>generate</c>/<c>inspect</c> on its model.</summary>
public sealed class TrainEmbeddingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Train_TextWithEmbedding_WritesATableAndGenerateTopKOneIsGreedy()
    {
        string text = _folder.Write("corpus.txt", string.Concat(Enumerable.Repeat("hello world, hello edge.\n", 60)));
        string model = Path.Combine(_folder.Path, "text.ernn");
        var trained = Run(["train", "--task", "text", "--data", text, "--out", model, "--embedding", "8", "--hidden", "16", "--layers", "1", "--window", "16", "--epochs", "3", "--threads", "1", "--quantize", "int8"]);
        Assert.True(trained.ExitCode == 0, trained.Error);
        Assert.Contains("(embedded in 8)", trained.Output, StringComparison.Ordinal);

        var definition = RnnModel.Load(model).Definition;
        Assert.NotNull(definition.Embedding);
        Assert.True(definition.Embedding.IsQuantized);
        Assert.Equal((12, 8), (definition.Embedding.VocabularySize, definition.Embedding.EmbeddingSize));
        Assert.Equal("8", definition.Metadata.Properties["train.embedding"]);

        var greedy = Run(["generate", "--model", model, "--prompt", "hel", "--length", "30", "--temperature", "0"]);
        var topOne = Run(["generate", "--model", model, "--prompt", "hel", "--length", "30", "--temperature", "0.8", "--top-k", "1", "--seed", "9"]);
        var sampled = Run(["generate", "--model", model, "--prompt", "hel", "--length", "30", "--temperature", "0.8", "--top-k", "5", "--seed", "9"]);
        var again = Run(["generate", "--model", model, "--prompt", "hel", "--length", "30", "--temperature", "0.8", "--top-k", "5", "--seed", "9"]);
        Assert.True(greedy.ExitCode == 0, greedy.Error);
        Assert.Equal(greedy.Output, topOne.Output);
        Assert.Equal(sampled.Output, again.Output);
        Assert.All(sampled.Output[..^Environment.NewLine.Length], c => Assert.Contains(c, " ,.deghlorw\n"));

        var inspected = Cli.Run("inspect", model);
        Assert.True(inspected.ExitCode == 0, inspected.Error);
        Assert.Contains("12 tokens → embedding 8", inspected.Output, StringComparison.Ordinal);
        Assert.Contains("Embedding", inspected.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_FloatEmbeddingModel_ReportsTheTableAndKeepsTokensStepping()
    {
        string text = _folder.Write("corpus.txt", string.Concat(Enumerable.Repeat("abcabcabd\n", 40)));
        string model = Path.Combine(_folder.Path, "float.ernn");
        string int8 = Path.Combine(_folder.Path, "int8.ernn");
        Assert.Equal(0, Run(["train", "--task", "text", "--data", text, "--out", model, "--embedding", "3", "--quantize", "none", .. Small]).ExitCode);
        Assert.False(RnnModel.Load(model).Definition.Embedding!.IsQuantized);

        var result = Cli.Run("quantize", "--in", model, "--out", int8);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("embedding.weight", result.Output, StringComparison.Ordinal);
        var quantized = RnnModel.Load(int8);
        Assert.True(quantized.Definition.Embedding!.IsQuantized);
        var output = new float[quantized.OutputSize];
        quantized.CreateState().StepToken(2, output);
        Assert.All(output, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Train_EmbeddingOnForecast_FailsSayingTextOnly()
    {
        string data = SineCsv(_folder, "rec.csv", 300);

        var (code, _, error) = Run(["train", "--data", data, "--out", Path.Combine(_folder.Path, "m.ernn"), "--embedding", "4", .. Small]);

        Assert.NotEqual(0, code);
        Assert.Contains("--embedding: expected --task text", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_NegativeTopK_FailsSayingWhatIsExpected()
    {
        string text = _folder.Write("corpus.txt", string.Concat(Enumerable.Repeat("abcabcabd\n", 40)));
        string model = Path.Combine(_folder.Path, "text.ernn");
        Assert.Equal(0, Run(["train", "--task", "text", "--data", text, "--out", model, .. Small]).ExitCode);

        var (code, _, error) = Run(["generate", "--model", model, "--top-k", "-1"]);

        Assert.Equal(1, code);
        Assert.Contains("Expected a top-k of 0 (off) or more characters; found -1", error, StringComparison.Ordinal);
    }
}
