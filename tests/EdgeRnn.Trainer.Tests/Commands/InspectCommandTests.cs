using System.Text.Json.Nodes;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Trainer.Tests.Import;

namespace EdgeRnn.Trainer.Tests.Commands;

public sealed class InspectCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Inspect_ImportedLstm_ShowsArchitectureSizesStorageAndChecksum()
    {
        string path = Cli.ImportGolden("lstm_8x64x2", _directory);
        var model = RnnModel.Load(path);

        var result = Cli.Run("inspect", path);

        Assert.Equal(0, result.ExitCode);
        // Layer 0: 4·64·8 + 4·64·64 + 2·4·64 = 18,944; layer 1: 4·64·64 + 4·64·64 + 2·4·64 = 33,280; head: 8·64 + 8 = 520.
        Assert.Contains("18,944", result.Output, StringComparison.Ordinal);
        Assert.Contains("33,280", result.Output, StringComparison.Ordinal);
        Assert.Contains("52,744", result.Output, StringComparison.Ordinal);
        Assert.Contains("LSTM 8 → 64 → 64, head 64 → 8", result.Output, StringComparison.Ordinal);
        Assert.Contains("float32", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{new FileInfo(path).Length:N0} bytes", result.Output, StringComparison.Ordinal);
        Assert.Contains($"0x{model.Checksum:X8}", result.Output, StringComparison.Ordinal);
        Assert.Contains("Input normalisation: identity", result.Output, StringComparison.Ordinal);
        Assert.Contains("Scoring: off", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_EncoderDecoder_ShowsTheDecoderLayersAndAttention()
    {
        var random = new Random(3);
        WeightMatrix Matrix(int rows, int cols) => WeightMatrix.FromFloat(rows, cols, Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
        RecurrentLayer Gru(int input) => new(CellKind.Gru, Matrix(12, input), Matrix(12, 4), new float[12], new float[12]);
        var decoder = new SequenceDecoder(3, DecoderStart.LastTargets, [Gru(2)], AttentionKind.Additive, memory: Matrix(3, 4), query: Matrix(3, 4), score: [0.1f, 0.2f, 0.3f], combine: Matrix(4, 8));
        var definition = new ModelDefinition([Gru(2)], new DenseLayer(Matrix(2, 4), [0f, 0f]), metadata: new ModelMetadata { Task = ModelTask.Reconstruct }, decoder: decoder);
        string path = _directory.File("s2s.ernn");
        RnnModel.FromDefinition(definition).Save(path);

        var result = Cli.Run("inspect", path);

        Assert.Equal(0, result.ExitCode);
        // Encoder and decoder layer: 3·4·2 + 3·4·4 + 2·12 = 96 each; W_k, W_q 12 each, v 3, W_c 32; head 2·4 + 2 = 10.
        Assert.Contains("261", result.Output, StringComparison.Ordinal);
        Assert.Contains("GRU 2 → 4, head 4 → 2; decoder 1 layer × 3 steps from the last targets, additive attention (3)", result.Output, StringComparison.Ordinal);
        Assert.Contains("decoder 0", result.Output, StringComparison.Ordinal);
        Assert.Contains("attention.combine.weight", result.Output, StringComparison.Ordinal);
        Assert.Contains("attention.v.weight", result.Output, StringComparison.Ordinal);
        Assert.Contains("reconstruct", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_BundledPumpModel_NamesTheOutputsByTheChannelsTheyPredict()
    {
        var result = Cli.Run("inspect", Path.Combine(AppContext.BaseDirectory, "models", "pump.ernn"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Output normalisation", result.Output, StringComparison.Ordinal);
        Assert.Contains("ŷ vibration_rms", result.Output, StringComparison.Ordinal);
        Assert.Contains("ŷ motor_current", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_QuantizedModel_ShowsInt8()
    {
        string path = Cli.ImportGolden("gru_5x17", _directory);
        string quantized = _directory.File("q.ernn");
        Assert.Equal(0, Cli.Run("quantize", "--in", path, "--out", quantized).ExitCode);

        var result = Cli.Run("inspect", quantized);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("int8", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("float32", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_ModelWithMetadata_ShowsNamesNormalisationAndProperties()
    {
        var json = TorchJson.Golden("lstm_3x13");
        json["name"] = "pump [hall 3]";
        json["feature_names"] = new JsonArray("pressure", "flow", "temperature");
        json["sample_period_seconds"] = 0.25;
        json["input_normalization"] = new JsonObject { ["mean"] = new JsonArray(1.5, 2.0, 3.0), ["std"] = new JsonArray(0.5, 1.0, 2.0) };
        string input = _directory.File("pump.json");
        json.Write(input);
        string path = Cli.ImportJson(input, _directory, "pump.ernn");

        var result = Cli.Run("inspect", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("pressure, flow, temperature", result.Output, StringComparison.Ordinal);
        Assert.Contains("0.25 s (4 Hz)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Input normalisation", result.Output, StringComparison.Ordinal);
        Assert.Contains("1.5", result.Output, StringComparison.Ordinal);
        Assert.Contains("pump [hall 3]", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_ModelWithScoring_ShowsWindowsThresholdAndErrorStd()
    {
        var imported = RnnModel.Load(Cli.ImportGolden("lstm_3x13", _directory));
        var scoring = new ScoringParameters { ErrorStd = [0.5f, 0.25f, 0.125f], LongWindow = 600, ShortWindow = 12, Threshold = 0.99f };
        string path = _directory.File("scored.ernn");
        RnnModel.FromDefinition(imported.Definition.With(scoring: scoring)).Save(path);

        var result = Cli.Run("inspect", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("600 steps", result.Output, StringComparison.Ordinal);
        Assert.Contains("12 steps", result.Output, StringComparison.Ordinal);
        Assert.Contains("0.99", result.Output, StringComparison.Ordinal);
        Assert.Contains("0.5, 0.25, 0.125", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Scoring: off", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_TruncatedModel_ExitsOneWithOneLine()
    {
        string path = Cli.ImportGolden("gru_1x8", _directory);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        var result = Cli.Run("inspect", path);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Equal(string.Empty, result.Output);
    }
}
