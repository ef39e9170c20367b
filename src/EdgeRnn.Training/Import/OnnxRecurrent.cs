using EdgeRnn.Runtime.Model;
using Onnx;

namespace EdgeRnn.Training.Import;

/// <summary>
/// Reads one ONNX <c>LSTM</c>, <c>GRU</c> or <c>RNN</c> node into a <see cref="RecurrentLayer"/> in PyTorch's layout, the
/// runtime's: gate blocks reordered (ONNX LSTM i, o, f, c → i, f, g, o; GRU z, r, h → r, z, n) and the bias <c>B</c>
/// split into its input half (Wb) and recurrent half (Rb). Only what the runtime computes is taken, everything else is
/// refused by name: forward direction, layout 0, default activations (RNN: Tanh or Relu), no clip, no coupled input and
/// forget gates, GRU <c>linear_before_reset=1</c> (PyTorch's form), no <c>sequence_lens</c>, zero or absent initial
/// states and peepholes.
/// </summary>
internal static class OnnxRecurrent
{
    private static readonly int[] LstmBlocks = [0, 2, 3, 1];
    private static readonly int[] GruBlocks = [1, 0, 2];
    private static readonly int[] RnnBlocks = [0];
    private static readonly string[] Common = ["activation_alpha", "activation_beta", "activations", "clip", "direction", "hidden_size", "layout"];

    /// <summary>Whether a node is one of the recurrent operators.</summary>
    /// <param name="node">The node.</param>
    /// <returns>True for LSTM, GRU and RNN.</returns>
    public static bool Is(NodeProto node) => node.OpType is "LSTM" or "GRU" or "RNN";

    /// <summary>Checks a recurrent node and reads its weights.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="node">An LSTM, GRU or RNN node.</param>
    /// <param name="inputWidth">The features per step its input X carries.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="InvalidDataException">The node uses something the runtime does not compute, or a shape is wrong.</exception>
    public static RecurrentLayer Read(OnnxGraph graph, NodeProto node, int inputWidth)
    {
        var attributes = graph.Attributes(node);
        var (kind, blocks) = CheckAttributes(node, attributes);
        int gates = blocks.Length;
        int maxInputs = kind == CellKind.Lstm ? 8 : 6;
        if (node.Input.Count > maxInputs)
        {
            throw graph.Error(node, $"expected at most {maxInputs} inputs; found {node.Input.Count}");
        }

        var r = graph.ConstantInput(node, 2, "R", $"[1, {gates}·H, H]");
        int hidden = r.Dims.Count == 3 && r.Dims[0] == 1 && r.Dims[2] > 0 && r.Dims[1] == gates * r.Dims[2] && r.Dims[2] <= ModelDefinition.MaxWidth
            ? (int)r.Dims[2]
            : throw graph.Error(node, $"input R: expected shape [1, {gates}·H, H] (one direction); found {r.Shape}");
        if (attributes.Int("hidden_size") is { } stated && stated != hidden)
        {
            throw attributes.Error("hidden_size", $"{hidden}, the hidden size of R {r.Shape}", stated.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        int rows = gates * hidden;
        var w = graph.ConstantInput(node, 1, "W", $"[1, {rows}, {inputWidth}]");
        if (w.Dims.Count != 3 || w.Dims[0] != 1 || w.Dims[1] != rows || w.Dims[2] != inputWidth)
        {
            throw graph.Error(node, $"input W: expected shape [1, {rows}, {inputWidth}] ({gates}·{hidden} rows, one column per input feature); found {w.Shape}");
        }

        float[] biases = new float[2 * rows];
        if (Present(node, 3) && graph.ConstantInput(node, 3, "B", $"[1, {2 * rows}]") is { } b)
        {
            if (b.Dims.Count != 2 || b.Dims[0] != 1 || b.Dims[1] != 2 * rows)
            {
                throw graph.Error(node, $"input B: expected shape [1, {2 * rows}] (Wb then Rb, {gates}·{hidden} each); found {b.Shape}");
            }

            biases = b.ToFloats(graph.Source);
        }

        CheckStateInputs(graph, node, kind);
        float[] weightIh = Reorder(w.ToFloats(graph.Source), blocks, hidden, inputWidth);
        float[] weightHh = Reorder(r.ToFloats(graph.Source), blocks, hidden, hidden);
        float[] biasIh = Reorder(biases.AsSpan(0, rows).ToArray(), blocks, hidden, 1);
        float[] biasHh = Reorder(biases.AsSpan(rows, rows).ToArray(), blocks, hidden, 1);
        try
        {
            return new RecurrentLayer(kind, WeightMatrix.FromFloat(rows, inputWidth, weightIh), WeightMatrix.FromFloat(rows, hidden, weightHh), biasIh, biasHh);
        }
        catch (ArgumentException exception)
        {
            throw graph.Error(node, exception.Message.TrimEnd('.'));
        }
    }

    private static (CellKind Kind, int[] Blocks) CheckAttributes(NodeProto node, OnnxAttributes attributes)
    {
        string[] activations;
        (CellKind Kind, int[] Blocks) result;
        switch (node.OpType)
        {
            case "LSTM":
                attributes.CheckKnown([.. Common, "input_forget"]);
                if (attributes.Int("input_forget") is { } coupled and not 0)
                {
                    throw attributes.Error("input_forget", "0 (separate input and forget gates, as in PyTorch's nn.LSTM)", $"{coupled} (the forget gate coupled to the input gate)");
                }

                activations = ["Sigmoid", "Tanh", "Tanh"];
                result = (CellKind.Lstm, LstmBlocks);
                break;
            case "GRU":
                attributes.CheckKnown([.. Common, "linear_before_reset"]);
                long? linear = attributes.Int("linear_before_reset");
                if (linear != 1)
                {
                    throw attributes.Error(
                        "linear_before_reset",
                        "1 (the reset gate applied to the recurrent product plus its bias, r ⊙ (R_h·h + Rb_h), as PyTorch's nn.GRU exports and EdgeRnn computes)",
                        linear is { } value ? $"{value} (the reset gate applied to h before the product, R_h·(r ⊙ h), which EdgeRnn does not compute)" : "none, so the default 0 (the reset gate applied to h before the product, R_h·(r ⊙ h), which EdgeRnn does not compute)");
                }

                activations = ["Sigmoid", "Tanh"];
                result = (CellKind.Gru, GruBlocks);
                break;
            default:
                attributes.CheckKnown(Common);
                string nonlinearity = attributes.Strings("activations") is [var single] ? single : "Tanh";
                activations = [nonlinearity.Equals("Relu", StringComparison.OrdinalIgnoreCase) ? "Relu" : "Tanh"];
                result = (nonlinearity.Equals("Relu", StringComparison.OrdinalIgnoreCase) ? CellKind.RnnRelu : CellKind.RnnTanh, RnnBlocks);
                break;
        }

        string direction = attributes.String("direction") ?? "forward";
        if (direction != "forward")
        {
            string why = direction == "bidirectional" ? "a backward pass needs the whole sequence before its first output" : "a reverse layer needs the whole sequence before its first output";
            throw attributes.Error("direction", "\"forward\" (EdgeRnn steps forward in time, one sample at a time)", $"\"{direction}\" ({why})");
        }

        if (attributes.Int("layout") is { } layout and not 0)
        {
            throw attributes.Error("layout", "0 (X as [sequence, batch, features], as torch.onnx writes it)", layout.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (attributes.Float("clip") is { } clip)
        {
            throw attributes.Error("clip", "none (EdgeRnn does not clip the gates' inputs)", clip.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (string parameter in (string[])["activation_alpha", "activation_beta"])
        {
            if (attributes.Floats(parameter) is { } values)
            {
                throw attributes.Error(parameter, "none (the activations EdgeRnn runs take no parameters)", $"[{string.Join(", ", values)}]");
            }
        }

        if (attributes.Strings("activations") is { } given
            && !given.SequenceEqual(activations, StringComparer.OrdinalIgnoreCase))
        {
            string expected = node.OpType == "RNN" ? "[Tanh] or [Relu]" : $"[{string.Join(", ", activations)}] (the default)";
            throw attributes.Error("activations", expected, $"[{string.Join(", ", given)}]");
        }

        return result;
    }

    private static void CheckStateInputs(OnnxGraph graph, NodeProto node, CellKind kind)
    {
        if (Present(node, 4))
        {
            throw graph.Error(node, $"input sequence_lens: expected none (EdgeRnn runs every sequence to its end); found {graph.WhatIs(node.Input[4])}");
        }

        string[] states = kind == CellKind.Lstm ? ["initial_h", "initial_c"] : ["initial_h"];
        for (int i = 0; i < states.Length; i++)
        {
            if (Present(node, 5 + i) && graph.WhyNotZero(node.Input[5 + i]) is { } found)
            {
                throw graph.Error(node, $"input {states[i]}: expected none or zeros (EdgeRnn starts every stream from zero states and carries them from step to step itself); found {found}");
            }
        }

        if (kind == CellKind.Lstm && Present(node, 7) && graph.WhyNotZero(node.Input[7]) is { } peepholes)
        {
            throw graph.Error(node, $"input P (peepholes): expected none or zeros (EdgeRnn's LSTM, as PyTorch's, has no peephole connections); found {peepholes}");
        }
    }

    private static bool Present(NodeProto node, int slot) => slot < node.Input.Count && node.Input[slot].Length != 0;

    /// <summary>Moves gate block <c>blocks[g]</c> (H rows of <paramref name="cols"/> values) to block g.</summary>
    private static float[] Reorder(float[] values, int[] blocks, int hidden, int cols)
    {
        int block = hidden * cols;
        var result = new float[values.Length];
        for (int g = 0; g < blocks.Length; g++)
        {
            values.AsSpan(blocks[g] * block, block).CopyTo(result.AsSpan(g * block, block));
        }

        return result;
    }
}
