using EdgeRnn.Runtime;
using EdgeRnn.Trainer.Tests.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands;

public sealed class GenerateCommandTests
{
    [Fact]
    public void Generate_TextModel_PrintsThePromptAndSampledCharactersOfTheVocabulary()
    {
        using var folder = new TempFolder();
        string text = folder.Write("corpus.txt", string.Concat(Enumerable.Repeat("hello world, hello edge.\n", 60)));
        string model = Path.Combine(folder.Path, "text.ernn");
        var trained = Run(["train", "--task", "text", "--data", text, "--out", model, "--hidden", "16", "--layers", "1", "--window", "16", "--epochs", "3", "--threads", "1"]);
        Assert.True(trained.ExitCode == 0, trained.Error);
        Assert.Contains("validation perplexity", trained.Output, StringComparison.Ordinal);
        Assert.Equal(" ,.deghlorw\n".Order().ToArray(), RnnModel.Load(model).Definition.Metadata.Properties["vocabulary"].ToCharArray());

        var (code, output, error) = Run(["generate", "--model", model, "--prompt", "hel", "--length", "40", "--seed", "3"]);
        var again = Run(["generate", "--model", model, "--prompt", "hel", "--length", "40", "--seed", "3"]);

        Assert.True(code == 0, error);
        string generated = output[..^Environment.NewLine.Length];
        Assert.Equal(43, generated.Length);
        Assert.StartsWith("hel", generated, StringComparison.Ordinal);
        Assert.All(generated, c => Assert.Contains(c, " ,.deghlorw\n"));
        Assert.Equal(output, again.Output);
    }

    [Fact]
    public void Generate_ForecastModel_FailsSayingItIsNotATextModel()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 600);
        string model = Path.Combine(folder.Path, "m.ernn");
        Assert.Equal(0, Run(["train", "--data", data, "--out", model, .. Small]).ExitCode);

        var (code, _, error) = Run(["generate", "--model", model, "--prompt", "x"]);

        Assert.Equal(1, code);
        Assert.Contains("Expected a text model", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_PromptOutsideTheVocabulary_FailsNamingTheCharacter()
    {
        using var folder = new TempFolder();
        string text = folder.Write("corpus.txt", string.Concat(Enumerable.Repeat("abcabcabd\n", 40)));
        string model = Path.Combine(folder.Path, "text.ernn");
        Assert.Equal(0, Run(["train", "--task", "text", "--data", text, "--out", model, .. Small]).ExitCode);

        var (code, _, error) = Run(["generate", "--model", model, "--prompt", "abz"]);

        Assert.Equal(1, code);
        Assert.Contains("found \"z\"", error, StringComparison.Ordinal);
    }
}
