using System.Text.Json;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Import;

/// <summary>
/// Reads a PyTorch model exported as JSON (by tools/export_torch.py; the format of tests/golden) into a float32
/// <see cref="ModelDefinition"/>: an <c>nn.RNN</c>, <c>nn.LSTM</c> or <c>nn.GRU</c> (with biases; unidirectional or
/// <c>bidirectional=True</c>) followed by an <c>nn.Linear</c> head applied to the last layer's h at every step (the
/// concatenated [h_forward, h_reverse] of a bidirectional model).
/// </summary>
/// <remarks>
/// Required: <c>cell</c> (<c>rnn</c>, <c>lstm</c> or <c>gru</c>), <c>nonlinearity</c> for <c>rnn</c> (<c>tanh</c> when absent),
/// and <c>params</c> with <c>rnn.weight_ih_l{k}</c> [G·H, in], <c>rnn.weight_hh_l{k}</c> [G·H, H], <c>rnn.bias_ih_l{k}</c> and
/// <c>rnn.bias_hh_l{k}</c> [G·H], <c>head.weight</c> [out, H] and <c>head.bias</c> [out]. <c>input_size</c>,
/// <c>hidden_size</c>, <c>num_layers</c> and <c>output_size</c> are checked when present and inferred from the shapes when
/// not. A bidirectional model has <c>rnn.*_l{k}_reverse</c> parameters for every layer (then layer k &gt; 0 and the head
/// read 2H values); <c>bidirectional</c> is checked when present. Optional metadata is read by <see cref="TorchMetadata"/>; any other field (<c>input</c>, <c>output</c>, <c>grads</c>, …)
/// is ignored.
/// </remarks>
internal static class TorchJsonImporter
{
    /// <summary>Reads an exported model from a file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The float32 model.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid export; the message names the field or parameter.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ModelDefinition ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path));
    }

    /// <summary>Reads an exported model from a stream.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The name used in error messages.</param>
    /// <returns>The float32 model.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid export; the message names the field or parameter.</exception>
    public static ModelDefinition Read(Stream json, string source)
    {
        using (var document = JsonFields.Parse(json, source))
        {
            return Read(new JsonFields(document.RootElement, source, string.Empty));
        }
    }

    private static ModelDefinition Read(JsonFields root)
    {
        CellKind kind = ReadCellKind(root);
        int gates = kind.GateCount();
        var parameters = TorchParameters.Read(new JsonFields(root.Required("params"), root.Source, "params"));
        RejectUnsupported(parameters, root.Source);

        int layerCount = 0;
        while (parameters.Contains($"rnn.weight_ih_l{layerCount}"))
        {
            layerCount++;
        }

        if (layerCount == 0)
        {
            throw parameters.Missing("rnn.weight_ih_l0", "[G·H, input_size]");
        }

        if (layerCount > ModelDefinition.MaxLayers)
        {
            throw new InvalidDataException($"{root.Source}: expected 1 to {ModelDefinition.MaxLayers} layers; found rnn.weight_ih_l0 to rnn.weight_ih_l{layerCount - 1}.");
        }

        CheckStated(root, "num_layers", layerCount, "the rnn.weight_ih_l{k} parameters");
        bool bidirectional = parameters.Contains("rnn.weight_ih_l0_reverse");
        if (root.Optional("bidirectional") is { } stated && stated.ValueKind is JsonValueKind.True or JsonValueKind.False && stated.GetBoolean() != bidirectional)
        {
            throw new InvalidDataException($"{root.Source}: 'bidirectional' is {(stated.GetBoolean() ? "true" : "false")}, but the parameters {(bidirectional ? "include" : "do not include")} rnn.weight_ih_l0_reverse.");
        }

        int directions = bidirectional ? 2 : 1;
        int hidden = root.OptionalInt("hidden_size", 1, ModelDefinition.MaxWidth)
            ?? CheckWidth(root, parameters.Dimension("rnn.weight_hh_l0", 1, "[G·H, H]"), "hidden size (rnn.weight_hh_l0 columns)");
        int input = root.OptionalInt("input_size", 1, ModelDefinition.MaxWidth)
            ?? CheckWidth(root, parameters.Dimension("rnn.weight_ih_l0", 1, "[G·H, input_size]"), "input size (rnn.weight_ih_l0 columns)");
        int output = root.OptionalInt("output_size", 1, ModelDefinition.MaxWidth)
            ?? CheckWidth(root, parameters.Dimension("head.weight", 0, "[output_size, H]"), "output size (head.weight rows)");

        var layers = new RecurrentLayer[layerCount];
        for (int k = 0; k < layerCount; k++)
        {
            int width = k == 0 ? input : directions * hidden;
            var layer = ReadLayer(root, parameters, kind, $"l{k}", width, hidden);
            layers[k] = bidirectional
                ? Build(root, () => RecurrentLayer.Bidirectional(layer, ReadLayer(root, parameters, kind, $"l{k}_reverse", width, hidden)))
                : layer;
        }

        float[] headWeight = parameters.Take("head.weight", output, directions * hidden);
        float[] headBias = parameters.Take("head.bias", output);
        string suffixes = bidirectional ? " (and their _reverse)" : string.Empty;
        parameters.CheckAllTaken($"rnn.weight_ih_l{{k}}, rnn.weight_hh_l{{k}}, rnn.bias_ih_l{{k}}, rnn.bias_hh_l{{k}}{suffixes} for k < {layerCount}, head.weight and head.bias");
        var head = Build(root, () => new DenseLayer(WeightMatrix.FromFloat(output, directions * hidden, headWeight), headBias));

        var (inputNormalization, outputNormalization) = TorchMetadata.ReadNormalizations(root, input, output);
        var metadata = TorchMetadata.ReadMetadata(root, input);
        return Build(root, () => new ModelDefinition(layers, head, inputNormalization, outputNormalization, metadata));
    }

    private static RecurrentLayer ReadLayer(JsonFields root, TorchParameters parameters, CellKind kind, string suffix, int width, int hidden)
    {
        int rows = kind.GateCount() * hidden;
        float[] weightIh = parameters.Take($"rnn.weight_ih_{suffix}", rows, width);
        float[] weightHh = parameters.Take($"rnn.weight_hh_{suffix}", rows, hidden);
        float[] biasIh = parameters.Take($"rnn.bias_ih_{suffix}", rows);
        float[] biasHh = parameters.Take($"rnn.bias_hh_{suffix}", rows);
        return Build(root, () => new RecurrentLayer(
            kind,
            WeightMatrix.FromFloat(rows, width, weightIh),
            WeightMatrix.FromFloat(rows, hidden, weightHh),
            biasIh,
            biasHh));
    }

    private static CellKind ReadCellKind(JsonFields root)
    {
        string cell = root.OptionalString("cell")
            ?? throw new InvalidDataException($"{root.Source}: expected a field 'cell' (\"rnn\", \"lstm\" or \"gru\"); found none.");
        string nonlinearity = root.OptionalString("nonlinearity") ?? "tanh";
        return (cell.ToLowerInvariant(), nonlinearity.ToLowerInvariant()) switch
        {
            ("lstm", _) => CellKind.Lstm,
            ("gru", _) => CellKind.Gru,
            ("rnn", "tanh") => CellKind.RnnTanh,
            ("rnn", "relu") => CellKind.RnnRelu,
            ("rnn", _) => throw new InvalidDataException($"{root.Source}: 'nonlinearity': expected \"tanh\" or \"relu\"; found \"{nonlinearity}\"."),
            _ => throw new InvalidDataException($"{root.Source}: 'cell': expected \"rnn\", \"lstm\" or \"gru\"; found \"{cell}\"."),
        };
    }

    private static void RejectUnsupported(TorchParameters parameters, string source)
    {
        foreach (string name in parameters.Names)
        {
            if (name.StartsWith("rnn.weight_hr_l", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{source}: parameter '{name}' belongs to an LSTM with projections; expected proj_size=0.");
            }
        }
    }

    private static void CheckStated(JsonFields root, string field, int found, string from)
    {
        if (root.OptionalInt(field, 1, int.MaxValue) is { } stated && stated != found)
        {
            throw new InvalidDataException($"{root.Source}: '{field}' is {stated}, but {from} give {found}.");
        }
    }

    private static int CheckWidth(JsonFields root, int width, string what) =>
        width is >= 1 and <= ModelDefinition.MaxWidth
            ? width
            : throw new InvalidDataException($"{root.Source}: expected a {what} in [1, {ModelDefinition.MaxWidth}]; found {width}.");

    private static T Build<T>(JsonFields root, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"{root.Source}: {exception.Message}", exception);
        }
    }
}
