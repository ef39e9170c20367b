using System.Text.Json;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Golden;

/// <summary>One PyTorch reference case from tests/golden (see its README), read straight into a model definition.</summary>
internal sealed class GoldenCase
{
    public required string Name { get; init; }

    public required ModelDefinition Definition { get; init; }

    public required int Steps { get; init; }

    public required float[] Input { get; init; }

    public required double[] Output { get; init; }

    public required double[] FinalH { get; init; }

    public double[]? FinalC { get; init; }

    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "golden"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.StartsWith("bidi_", StringComparison.Ordinal) && !name.StartsWith("s2s_", StringComparison.Ordinal))   // a window, not steps
            .Order(StringComparer.Ordinal)!;

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (string name in Names())
        {
            data.Add(name);
        }

        return data;
    }

    public static GoldenCase Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "golden", name + ".json")));
        var root = doc.RootElement;
        string cell = root.GetProperty("cell").GetString()!;
        var kind = cell switch
        {
            "lstm" => CellKind.Lstm,
            "gru" => CellKind.Gru,
            _ => root.GetProperty("nonlinearity").GetString() == "relu" ? CellKind.RnnRelu : CellKind.RnnTanh,
        };
        var p = root.GetProperty("params");
        int layers = root.GetProperty("num_layers").GetInt32();
        var list = new List<RecurrentLayer>();
        bool bidirectional = root.TryGetProperty("bidirectional", out var b) && b.GetBoolean();
        for (int k = 0; k < layers; k++)
        {
            var layer = Layer(kind, p, $"l{k}");
            list.Add(bidirectional ? RecurrentLayer.Bidirectional(layer, Layer(kind, p, $"l{k}_reverse")) : layer);
        }

        var head = new DenseLayer(Matrix(p.GetProperty("head.weight")), Floats(p.GetProperty("head.bias").GetProperty("data")));
        return new GoldenCase
        {
            Name = name,
            Definition = new ModelDefinition(list, head),
            Steps = root.GetProperty("steps").GetInt32(),
            Input = Floats(Data(root.GetProperty("input"))),
            Output = Doubles(Data(root.GetProperty("output"))),
            FinalH = Doubles(Data(root.GetProperty("final_h"))),
            FinalC = root.TryGetProperty("final_c", out var c) ? Doubles(Data(c)) : null,
        };
    }

    private static RecurrentLayer Layer(CellKind kind, JsonElement p, string suffix) =>
        new(
            kind,
            Matrix(p.GetProperty($"rnn.weight_ih_{suffix}")),
            Matrix(p.GetProperty($"rnn.weight_hh_{suffix}")),
            Floats(p.GetProperty($"rnn.bias_ih_{suffix}").GetProperty("data")),
            Floats(p.GetProperty($"rnn.bias_hh_{suffix}").GetProperty("data")));

    /// <summary>The bidirectional cases (<c>bidi_*</c>), which run through <see cref="RnnWindow"/>.</summary>
    public static TheoryData<string> Bidirectional()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "golden"), "bidi_*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    internal static JsonElement Data(JsonElement e) => e.ValueKind == JsonValueKind.Object ? e.GetProperty("data") : e;

    internal static WeightMatrix Matrix(JsonElement e)
    {
        var shape = e.GetProperty("shape");
        return WeightMatrix.FromFloat(shape[0].GetInt32(), shape[1].GetInt32(), Floats(e.GetProperty("data")));
    }

    internal static float[] Floats(JsonElement array) => Flatten(array).Select(v => (float)v).ToArray();

    internal static double[] Doubles(JsonElement array) => Flatten(array).ToArray();

    private static IEnumerable<double> Flatten(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
            {
                foreach (double v in Flatten(item))
                {
                    yield return v;
                }
            }
        }
        else
        {
            yield return e.GetDouble();
        }
    }
}
