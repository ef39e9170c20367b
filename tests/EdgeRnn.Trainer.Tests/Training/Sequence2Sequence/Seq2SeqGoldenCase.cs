using System.Text.Json;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training.Engine.Sequence2Sequence;

namespace EdgeRnn.Trainer.Tests.Training.Sequence2Sequence;

/// <summary>An encoder–decoder reference case from tests/golden (s2s_*, written by tools/golden_seq2seq.py), read into flat arrays.</summary>
internal sealed class Seq2SeqGoldenCase
{
    private Seq2SeqGoldenCase(JsonElement root)
    {
        var kind = root.GetProperty("cell").GetString() == "lstm" ? CellKind.Lstm : CellKind.Gru;
        var attention = root.GetProperty("attention").GetString() switch
        {
            "dot" => AttentionKind.Dot,
            "general" => AttentionKind.General,
            "additive" => AttentionKind.Additive,
            _ => AttentionKind.None,
        };
        Shape = new Seq2SeqShape(
            kind,
            root.GetProperty("input_size").GetInt32(),
            root.GetProperty("hidden_size").GetInt32(),
            root.GetProperty("num_layers").GetInt32(),
            root.GetProperty("output_size").GetInt32(),
            root.GetProperty("horizon").GetInt32(),
            attention,
            root.GetProperty("attention_size").GetInt32());
        Steps = root.GetProperty("steps").GetInt32();
        Layout = new Seq2SeqLayout(Shape);
        Parameters = ReadFlat(root.GetProperty("params"));
        Gradients = ReadFlat(root.GetProperty("grads"));
        Input = Read(root.GetProperty("input"));
        Start = Read(root.GetProperty("start_vector"));
        Target = Read(root.GetProperty("target"));
        Teacher = root.GetProperty("teacher").EnumerateArray().Select(e => e.GetInt32() != 0).ToArray();
        Output = Read(root.GetProperty("output"));
        FreeOutput = Read(root.GetProperty("free_output"));
        LossValue = root.GetProperty("loss_value").GetDouble();
        FinalH = Read(root.GetProperty("encoder_final_h"));
        FinalC = root.TryGetProperty("encoder_final_c", out var c) ? Read(c) : [];
    }

    public Seq2SeqShape Shape { get; }

    public Seq2SeqLayout Layout { get; }

    public int Steps { get; }

    public double[] Parameters { get; }

    public double[] Gradients { get; }

    public double[] Input { get; }

    public double[] Start { get; }

    public double[] Target { get; }

    public bool[] Teacher { get; }

    public double[] Output { get; }

    public double[] FreeOutput { get; }

    public double LossValue { get; }

    /// <summary>[layers, H].</summary>
    public double[] FinalH { get; }

    /// <summary>[layers, H]; empty for the GRU.</summary>
    public double[] FinalC { get; }

    public static Seq2SeqGoldenCase Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "golden", name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new Seq2SeqGoldenCase(document.RootElement);
    }

    private double[] ReadFlat(JsonElement tensors)
    {
        Assert.Equal(Layout.Tensors.Count, tensors.EnumerateObject().Count());
        return GoldenJson.Flat(tensors, Layout.Tensors, Layout.Count);
    }

    private static double[] Read(JsonElement element) => GoldenJson.Values(element);
}
