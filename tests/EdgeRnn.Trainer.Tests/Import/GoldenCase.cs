using System.Text.Json;

namespace EdgeRnn.Trainer.Tests.Import;

/// <summary>One reference case of tests/golden (PyTorch 1.13, float64), copied next to the test assembly.</summary>
internal sealed class GoldenCase
{
    private GoldenCase(string name, JsonElement root)
    {
        Name = name;
        Cell = root.GetProperty("cell").GetString()!;
        InputSize = root.GetProperty("input_size").GetInt32();
        HiddenSize = root.GetProperty("hidden_size").GetInt32();
        Layers = root.GetProperty("num_layers").GetInt32();
        OutputSize = root.GetProperty("output_size").GetInt32();
        Steps = root.GetProperty("steps").GetInt32();
        Input = Data(root, "input").Select(v => (float)v).ToArray();
        Output = Data(root, "output");
        FinalH = Data(root, "final_h");
        FinalC = root.TryGetProperty("final_c", out _) ? Data(root, "final_c") : null;
    }

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "golden");

    /// <summary>
    /// Every unidirectional case's name, for [MemberData] (the bidirectional <c>bidi_*</c> cases run a window, the
    /// encoder–decoder <c>s2s_*</c> ones a window and a decoder: Training/Sequence2Sequence has their tests; the
    /// <c>emb_*</c> cases read tokens).
    /// </summary>
    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (string file in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileNameWithoutExtension(file);
                // emb_*: token models with an embedding table, replayed by GoldenEmbeddingTests and EmbeddingGoldenTests; s2s_*: windows.
                if (!name.StartsWith("bidi_", StringComparison.Ordinal) && !name.StartsWith("emb_", StringComparison.Ordinal) && !name.StartsWith("s2s_", StringComparison.Ordinal))
                {
                    names.Add(name);
                }
            }

            return names;
        }
    }

    public string Name { get; }

    public string Cell { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public int Layers { get; }

    public int OutputSize { get; }

    public int Steps { get; }

    /// <summary>Inputs, steps × input size, as float32 (what a device would feed).</summary>
    public float[] Input { get; }

    /// <summary>Expected outputs, steps × output size.</summary>
    public double[] Output { get; }

    /// <summary>Expected final h, layers × hidden size.</summary>
    public double[] FinalH { get; }

    /// <summary>Expected final c for an LSTM, layers × hidden size; null otherwise.</summary>
    public double[]? FinalC { get; }

    public static string PathOf(string name) => Path.Combine(Directory, name + ".json");

    public static GoldenCase Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf(name)));
        return new GoldenCase(name, document.RootElement);
    }

    public ReadOnlySpan<float> InputAt(int step) => Input.AsSpan(step * InputSize, InputSize);

    public ReadOnlySpan<double> OutputAt(int step) => Output.AsSpan(step * OutputSize, OutputSize);

    private static double[] Data(JsonElement root, string field) =>
        root.GetProperty(field).GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
