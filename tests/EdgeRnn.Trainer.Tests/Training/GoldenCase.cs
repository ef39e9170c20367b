using System.Text.Json;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training;

namespace EdgeRnn.Trainer.Tests.Training;

/// <summary>A PyTorch reference case from tests/golden (see its README), read into flat arrays.</summary>
internal sealed class GoldenCase
{
    private GoldenCase(JsonElement root)
    {
        string cell = root.GetProperty("cell").GetString()!;
        Kind = cell switch
        {
            "lstm" => CellKind.Lstm,
            "gru" => CellKind.Gru,
            _ => root.GetProperty("nonlinearity").GetString() == "relu" ? CellKind.RnnRelu : CellKind.RnnTanh,
        };
        Shape = new NetworkShape(
            Kind,
            root.GetProperty("input_size").GetInt32(),
            root.GetProperty("hidden_size").GetInt32(),
            root.GetProperty("num_layers").GetInt32(),
            root.GetProperty("output_size").GetInt32(),
            root.TryGetProperty("bidirectional", out var bidirectional) && bidirectional.GetBoolean());
        Steps = root.GetProperty("steps").GetInt32();
        Layout = new ParameterLayout(Shape);
        Parameters = ReadFlat(root.GetProperty("params"));
        Input = Read(root.GetProperty("input"));
        Output = Read(root.GetProperty("output"));
        FinalH = Read(root.GetProperty("final_h"));
        if (root.TryGetProperty("grads", out var grads))
        {
            Gradients = ReadFlat(grads);
            Target = Read(root.GetProperty("target"));
            LossValue = root.GetProperty("loss_value").GetDouble();
        }
    }

    public CellKind Kind { get; }

    public NetworkShape Shape { get; }

    public ParameterLayout Layout { get; }

    public int Steps { get; }

    public double[] Parameters { get; }

    public double[] Input { get; }

    public double[] Output { get; }

    public double[] FinalH { get; }

    public double[] Gradients { get; } = [];

    public double[] Target { get; } = [];

    public double LossValue { get; }

    public static GoldenCase Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "golden", name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new GoldenCase(document.RootElement);
    }

    private double[] ReadFlat(JsonElement tensors) => GoldenJson.Flat(tensors, Layout.Tensors, Layout.Count);

    private static double[] Read(JsonElement element) => GoldenJson.Values(element);
}
