using System.Text.Json;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Golden;

/// <summary>The embedding cases of tests/golden (emb_*.json, PyTorch 1.13): each window's tokens stepped through <see cref="RnnState.StepToken"/>.</summary>
public class EmbeddingGoldenTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "golden"), "emb_*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StepToken_GoldenCase_LogitsWithin1e4OfPyTorch(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "golden", name + ".json")));
        var root = document.RootElement;
        var definition = Definition(root);
        int steps = root.GetProperty("steps").GetInt32();
        int windows = root.GetProperty("windows").GetInt32();
        int vocabulary = definition.InputSize;
        double[] expected = [.. root.GetProperty("output").GetProperty("data").EnumerateArray().Select(v => v.GetDouble())];
        var tokens = root.GetProperty("tokens");
        var model = RnnModel.FromDefinition(definition);
        var logits = new float[vocabulary];
        double worst = 0;
        for (int w = 0; w < windows; w++)
        {
            var state = model.CreateState();
            for (int t = 0; t < steps; t++)
            {
                state.StepToken(tokens[w][t].GetInt32(), logits);
                for (int v = 0; v < vocabulary; v++)
                {
                    worst = Math.Max(worst, Math.Abs(logits[v] - expected[(((t * windows) + w) * vocabulary) + v]));
                }
            }
        }

        Assert.True(worst <= 1e-4, $"{name}: max |runtime − PyTorch| {worst:E3}");
    }

    private static ModelDefinition Definition(JsonElement root)
    {
        var kind = root.GetProperty("cell").GetString() switch
        {
            "lstm" => CellKind.Lstm,
            "gru" => CellKind.Gru,
            _ => root.GetProperty("nonlinearity").GetString() == "relu" ? CellKind.RnnRelu : CellKind.RnnTanh,
        };
        var p = root.GetProperty("params");
        var layers = new List<RecurrentLayer>();
        for (int k = 0; k < root.GetProperty("num_layers").GetInt32(); k++)
        {
            layers.Add(new RecurrentLayer(kind, Matrix(p, $"rnn.weight_ih_l{k}"), Matrix(p, $"rnn.weight_hh_l{k}"), Floats(p, $"rnn.bias_ih_l{k}"), Floats(p, $"rnn.bias_hh_l{k}")));
        }

        var head = new DenseLayer(Matrix(p, "head.weight"), Floats(p, "head.bias"));
        return new ModelDefinition(layers, head, embedding: new EmbeddingTable(Matrix(p, "embedding.weight")));
    }

    private static WeightMatrix Matrix(JsonElement p, string name)
    {
        var shape = p.GetProperty(name).GetProperty("shape");
        return WeightMatrix.FromFloat(shape[0].GetInt32(), shape[1].GetInt32(), Floats(p, name));
    }

    private static float[] Floats(JsonElement p, string name) =>
        [.. p.GetProperty(name).GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble())];
}
