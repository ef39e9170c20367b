using EdgeRnn.Runtime;
using EdgeRnn.Trainer.Tests.Import;

namespace EdgeRnn.Trainer.Tests.Commands;

public sealed class ImportCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ImportTorch_GoldenFile_WritesLoadableModelAndSummary()
    {
        string output = _directory.File("lstm.ernn");

        var result = Cli.Run("import", "torch", "--in", GoldenCase.PathOf("lstm_8x64x2"), "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var model = RnnModel.Load(output);
        Assert.Equal(8, model.InputSize);
        Assert.Contains("LSTM 8 → 64 → 64, head 64 → 8", result.Output, StringComparison.Ordinal);
        Assert.Contains($"checksum 0x{model.Checksum:X8}", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(output + ".tmp"));
    }

    [Fact]
    public void ImportTorch_MissingParameter_ExitsOneWithOneLineAndWritesNothing()
    {
        var json = TorchJson.Golden("gru_5x17");
        json.Params().Remove("rnn.weight_hh_l0");
        string input = _directory.File("broken.json");
        json.Write(input);
        string output = _directory.File("broken.ernn");

        var result = Cli.Run("import", "torch", "--in", input, "--out", output);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: broken.json: missing parameter 'rnn.weight_hh_l0'", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void ImportTorch_InputFileMissing_ExitsOneWithoutStackTrace()
    {
        var result = Cli.Run("import", "torch", "--in", _directory.File("nope.json"), "--out", _directory.File("nope.ernn"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope.json", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportTorch_NotJson_ExitsOneNamingTheFile()
    {
        string input = _directory.File("model.json");
        File.WriteAllText(input, "cell=lstm");

        var result = Cli.Run("import", "torch", "--in", input, "--out", _directory.File("model.ernn"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: model.json: expected JSON;", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportTorch_WithoutOut_ParseErrorNamesTheOption()
    {
        var result = Cli.Run("import", "torch", "--in", GoldenCase.PathOf("gru_1x8"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--out", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportOnnx_TorchExport_WritesLoadableModelAndSaysWhichOutputsAreLeftOut()
    {
        string output = _directory.File("lstm.ernn");

        var result = Cli.Run("import", "onnx", "--in", OnnxReference.PathOf("lstm_5x12x2"), "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var model = RnnModel.Load(output);
        Assert.Equal(5, model.InputSize);
        Assert.StartsWith("note: graph outputs 'hidden', 'h_n', 'c_n' not imported", result.Output, StringComparison.Ordinal);
        Assert.Contains("Imported LSTM 5 → 12 → 12, head 12 → 2", result.Output, StringComparison.Ordinal);
        Assert.Contains($"checksum 0x{model.Checksum:X8}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportOnnx_Bidirectional_ExitsOneWithOneLineAndWritesNothing()
    {
        string output = _directory.File("bi.ernn");

        var result = Cli.Run("import", "onnx", "--in", OnnxReference.PathOf("lstm_bidirectional"), "--out", output);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: lstm_bidirectional.onnx: LSTM '/rnn/LSTM', attribute 'direction': expected \"forward\"", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void ImportOnnx_WithMetadata_StoresNormalisationAndNames()
    {
        string metadata = _directory.File("meta.json");
        File.WriteAllText(metadata, """{ "feature_names": ["a", "b", "c"], "input_normalization": { "mean": [1, 2, 3], "std": [2, 2, 2] } }""");
        string output = _directory.File("rnn.ernn");

        var result = Cli.Run("import", "onnx", "--in", OnnxReference.PathOf("rnn_tanh_3x4"), "--out", output, "--metadata", metadata);

        Assert.Equal(0, result.ExitCode);
        var model = RnnModel.Load(output);
        Assert.Equal(["a", "b", "c"], model.Definition.Metadata.FeatureNames);
        Assert.False(model.Definition.InputNormalization.IsIdentity);
    }

    [Fact]
    public void ImportHelp_ListsTorchAndOnnx()
    {
        var result = Cli.Run("import", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("torch", result.Output, StringComparison.Ordinal);
        Assert.Contains("onnx", result.Output, StringComparison.Ordinal);
    }
}
