using System.Text.Json;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Golden;

/// <summary>
/// One encoder–decoder reference case (tests/golden/s2s_*.json, written by tools/golden_seq2seq.py) read into a model
/// definition: identity normalisation; start "last" is the first output_size input channels of the last row, i.e. target
/// channels 0..O−1.
/// </summary>
internal sealed class Seq2SeqCase
{
    public required string Name { get; init; }

    public required ModelDefinition Definition { get; init; }

    public required float[] Input { get; init; }

    public required double[] FreeOutput { get; init; }

    public required double[] FinalH { get; init; }

    public double[]? FinalC { get; init; }

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "golden"), "s2s_*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    public static Seq2SeqCase Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "golden", name + ".json")));
        var root = doc.RootElement;
        var kind = root.GetProperty("cell").GetString() == "lstm" ? CellKind.Lstm : CellKind.Gru;
        var p = root.GetProperty("params");
        int layers = root.GetProperty("num_layers").GetInt32();
        int outputs = root.GetProperty("output_size").GetInt32();
        var attention = root.GetProperty("attention").GetString() switch
        {
            "dot" => AttentionKind.Dot,
            "general" => AttentionKind.General,
            "additive" => AttentionKind.Additive,
            _ => AttentionKind.None,
        };
        var start = root.GetProperty("start").GetString() == "last" ? DecoderStart.LastTargets : DecoderStart.Zeros;
        WeightMatrix? Optional(string key) => p.TryGetProperty(key, out var e) ? GoldenCase.Matrix(e) : null;
        float[] score = p.TryGetProperty("attention.v.weight", out var v) ? GoldenCase.Floats(v.GetProperty("data")) : [];
        var decoder = new SequenceDecoder(
            root.GetProperty("horizon").GetInt32(),
            start,
            Stack(kind, p, "decoder", layers),
            attention,
            Optional("attention.general.weight"),
            Optional("attention.memory.weight"),
            Optional("attention.query.weight"),
            score,
            Optional("attention.combine.weight"));
        var head = new DenseLayer(GoldenCase.Matrix(p.GetProperty("head.weight")), GoldenCase.Floats(p.GetProperty("head.bias").GetProperty("data")));
        var metadata = new ModelMetadata
        {
            TargetChannels = Enumerable.Range(0, outputs).ToArray(),
            Task = name.Contains("reconstruct", StringComparison.Ordinal) ? ModelTask.Reconstruct : ModelTask.Forecast,
        };
        return new Seq2SeqCase
        {
            Name = name,
            Definition = new ModelDefinition(Stack(kind, p, "encoder", layers), head, metadata: metadata, decoder: decoder),
            Input = GoldenCase.Floats(GoldenCase.Data(root.GetProperty("input"))),
            FreeOutput = GoldenCase.Doubles(GoldenCase.Data(root.GetProperty("free_output"))),
            FinalH = GoldenCase.Doubles(GoldenCase.Data(root.GetProperty("encoder_final_h"))),
            FinalC = root.TryGetProperty("encoder_final_c", out var c) ? GoldenCase.Doubles(GoldenCase.Data(c)) : null,
        };
    }

    private static RecurrentLayer[] Stack(CellKind kind, JsonElement p, string prefix, int layers) =>
        Enumerable.Range(0, layers).Select(k => new RecurrentLayer(
            kind,
            GoldenCase.Matrix(p.GetProperty($"{prefix}.weight_ih_l{k}")),
            GoldenCase.Matrix(p.GetProperty($"{prefix}.weight_hh_l{k}")),
            GoldenCase.Floats(p.GetProperty($"{prefix}.bias_ih_l{k}").GetProperty("data")),
            GoldenCase.Floats(p.GetProperty($"{prefix}.bias_hh_l{k}").GetProperty("data")))).ToArray();
}
