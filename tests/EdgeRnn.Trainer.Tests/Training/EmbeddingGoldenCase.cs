using System.Text.Json;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training;

namespace EdgeRnn.Trainer.Tests.Training;

/// <summary>An embedding reference case (tests/golden/emb_*.json, written by tools/golden_embedding.py) in flat arrays.</summary>
internal sealed class EmbeddingGoldenCase
{
    private EmbeddingGoldenCase(JsonElement root)
    {
        string cell = root.GetProperty("cell").GetString()!;
        var kind = cell switch
        {
            "lstm" => CellKind.Lstm,
            "gru" => CellKind.Gru,
            _ => root.GetProperty("nonlinearity").GetString() == "relu" ? CellKind.RnnRelu : CellKind.RnnTanh,
        };
        Shape = new NetworkShape(
            kind,
            root.GetProperty("input_size").GetInt32(),
            root.GetProperty("hidden_size").GetInt32(),
            root.GetProperty("num_layers").GetInt32(),
            root.GetProperty("output_size").GetInt32(),
            embeddingSize: root.GetProperty("embedding_size").GetInt32());
        Steps = root.GetProperty("steps").GetInt32();
        Windows = root.GetProperty("windows").GetInt32();
        Layout = new ParameterLayout(Shape);
        Parameters = ReadFlat(root.GetProperty("params"));
        Gradients = ReadFlat(root.GetProperty("grads"));
        Tokens = [.. root.GetProperty("tokens").EnumerateArray().SelectMany(w => w.EnumerateArray().Select(t => t.GetInt32()))];
        Labels = [.. root.GetProperty("labels").EnumerateArray().SelectMany(w => w.EnumerateArray().Select(t => t.GetInt32()))];
        Output = Read(root.GetProperty("output"));
        FinalH = Read(root.GetProperty("final_h"));
        LossValue = root.GetProperty("loss_value").GetDouble();
    }

    public NetworkShape Shape { get; }

    public ParameterLayout Layout { get; }

    public int Steps { get; }

    public int Windows { get; }

    public double[] Parameters { get; }

    public double[] Gradients { get; }

    /// <summary>[windows, steps].</summary>
    public int[] Tokens { get; }

    /// <summary>[windows, steps].</summary>
    public int[] Labels { get; }

    /// <summary>The logits, [steps, windows, V] (the engine's step-major order).</summary>
    public double[] Output { get; }

    /// <summary>[layers, windows, H].</summary>
    public double[] FinalH { get; }

    public double LossValue { get; }

    public static EmbeddingGoldenCase Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "golden", name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new EmbeddingGoldenCase(document.RootElement);
    }

    /// <summary>The tokens as one-hot inputs, [windows, steps, V], as the text task's windows hold them.</summary>
    public T[] OneHotInputs<T>()
        where T : System.Numerics.INumberBase<T>
    {
        int vocabulary = Shape.InputSize;
        var inputs = new T[Tokens.Length * vocabulary];
        Array.Fill(inputs, T.Zero);
        for (int i = 0; i < Tokens.Length; i++)
        {
            inputs[(i * vocabulary) + Tokens[i]] = T.One;
        }

        return inputs;
    }

    private double[] ReadFlat(JsonElement tensors) => GoldenJson.Flat(tensors, Layout.Tensors, Layout.Count);

    private static double[] Read(JsonElement element) => GoldenJson.Values(element);
}
