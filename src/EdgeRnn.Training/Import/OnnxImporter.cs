using System.Globalization;
using EdgeRnn.Runtime.Model;
using Google.Protobuf;
using Onnx;

namespace EdgeRnn.Training.Import;

/// <summary>A model read from an ONNX file, and what the import left out of it.</summary>
/// <param name="Definition">The float32 model.</param>
/// <param name="Input">The graph input the model reads.</param>
/// <param name="Output">The graph output the model computes.</param>
/// <param name="Notes">What was left out (other graph outputs), one sentence each.</param>
internal sealed record OnnxImport(ModelDefinition Definition, string Input, string Output, IReadOnlyList<string> Notes);

/// <summary>
/// Reads an ONNX model (the file <c>torch.onnx.export</c> writes) into a float32 <see cref="ModelDefinition"/>: one to
/// <see cref="ModelDefinition.MaxLayers"/> stacked <c>LSTM</c>, <c>GRU</c> or <c>RNN</c> nodes followed by a dense head
/// (<c>MatMul</c> + <c>Add</c>, or <c>Gemm</c>) applied at every step.
/// </summary>
/// <remarks>
/// The graph is not matched against one exporter's node list: the importer follows the path that carries the data from
/// the graph input to the first graph output (<see cref="OnnxPath"/>), tracks what each axis means along it
/// (<see cref="OnnxLayout"/>) through the Transpose, Squeeze, Unsqueeze and Identity nodes exporters put between the
/// layers, reads each recurrent node (<see cref="OnnxRecurrent"/>) and the head (<see cref="OnnxHead"/>), and refuses any
/// other operator on the path, naming it. Whatever else the graph computes (shapes, zero initial states, other outputs
/// such as the final states) is not imported; other outputs are listed in <see cref="OnnxImport.Notes"/>. ONNX files
/// carry no normalisation: it comes from a metadata file (<see cref="OnnxMetadata"/>).
/// </remarks>
internal static class OnnxImporter
{
    /// <summary>The oldest default-domain opset read: LSTM, GRU and RNN have had their present inputs and attributes since 7.</summary>
    public const int MinOpset = 7;

    /// <summary>Reads a model from a file.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">The file is not ONNX or holds something the runtime does not compute; the
    /// message names the node and attribute.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static OnnxImport ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path));
    }

    /// <summary>Reads a model from a stream.</summary>
    /// <param name="onnx">The serialized ModelProto.</param>
    /// <param name="source">The name used in messages.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">The bytes are not ONNX or hold something the runtime does not compute.</exception>
    public static OnnxImport Read(Stream onnx, string source)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnx);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new InvalidDataException($"{source}: expected an ONNX model (a protobuf ModelProto); {exception.Message}", exception);
        }

        if (model.Graph is null || model.Graph.Node.Count == 0)
        {
            throw new InvalidDataException($"{source}: expected an ONNX model with a graph of nodes; found none (is this an ONNX file?).");
        }

        int opset = CheckOpset(model, source);
        var graph = new OnnxGraph(model.Graph, source);
        if (graph.Outputs.Count == 0)
        {
            throw new InvalidDataException($"{source}: expected at least one graph output; found none.");
        }

        string output = graph.Outputs[0];
        var (input, steps) = OnnxPath.Find(graph, output);
        var (layers, head) = Walk(graph, input, output, steps);
        var metadata = new ModelMetadata { Properties = Properties(model, opset) };
        ModelDefinition definition;
        try
        {
            definition = new ModelDefinition(layers, head, metadata: metadata);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"{source}: {exception.Message}", exception);
        }

        var ignored = graph.Outputs.Skip(1).ToArray();
        string[] notes = ignored.Length == 0
            ? []
            : [$"graph output{(ignored.Length == 1 ? string.Empty : "s")} {string.Join(", ", ignored.Select(o => $"'{o}'"))} not imported: the model computes the first output, '{output}' (each layer's hidden and cell state is RnnState's, step by step)."];
        return new OnnxImport(definition, input, output, notes);
    }

    private static (RecurrentLayer[] Layers, DenseLayer Head) Walk(OnnxGraph graph, string input, string output, IReadOnlyList<OnnxStep> steps)
    {
        int first = steps.Select(step => step.Node).ToList().FindIndex(OnnxRecurrent.Is);
        if (first < 0)
        {
            throw new InvalidDataException($"{graph.Source}: expected at least one LSTM, GRU or RNN node on the path from input '{input}' to output '{output}'; found {(steps.Count == 0 ? "none: the output is the input" : string.Join(", ", steps.Select(s => graph.Describe(s.Node))))}.");
        }

        var layout = InputLayout(graph, input, steps, first);
        var layers = new List<RecurrentLayer>();
        var head = new OnnxHead(graph);
        foreach (var step in steps)
        {
            var node = step.Node;
            if (node.Domain is not ("" or "ai.onnx"))
            {
                throw graph.Error(node, $"expected an operator of the default ONNX domain; found domain '{node.Domain}'");
            }

            switch (node.OpType)
            {
                case "LSTM" or "GRU" or "RNN":
                    if (head.Node is { } before)
                    {
                        throw graph.Error(node, $"expected the recurrent layers before the head; found this one after {graph.Describe(before)}");
                    }

                    if (!layout.IsRecurrentInput)
                    {
                        throw graph.Error(node, $"input X: expected [time, 1, features] (ONNX layout 0: sequence, batch, features); found {layout}");
                    }

                    if (layers.Count == ModelDefinition.MaxLayers)
                    {
                        throw graph.Error(node, $"expected at most {ModelDefinition.MaxLayers} recurrent layers; found a {ModelDefinition.MaxLayers + 1}th");
                    }

                    var layer = OnnxRecurrent.Read(graph, node, layout.Width);
                    layers.Add(layer);
                    layout = OnnxLayout.RecurrentOutput(layer.HiddenSize);
                    break;
                case "MatMul":
                    layout = head.MatMul(step, Checked(graph, step, layers.Count, layout));
                    break;
                case "Gemm":
                    layout = head.Gemm(step, Checked(graph, step, layers.Count, layout));
                    break;
                case "Add":
                    layout = head.Add(step, layout);
                    break;
                default:
                    layout = Reshaped(graph, step, layout, forward: true)
                        ?? throw graph.Error(node, $"expected only LSTM, GRU, RNN, Transpose, Squeeze, Unsqueeze, Identity, MatMul, Gemm and Add on the path from input '{input}' to output '{output}'; found this {node.OpType} (EdgeRnn runs the recurrent layers and one dense head, nothing between or after them)");
                    break;
            }
        }

        var dense = head.Build() ?? throw new InvalidDataException($"{graph.Source}: expected a dense head (MatMul + Add, or Gemm) after the last recurrent layer, {graph.Describe(steps.Last(s => OnnxRecurrent.Is(s.Node)).Node)}; found none before output '{output}'.");
        return ([.. layers], dense);
    }

    private static OnnxLayout Checked(OnnxGraph graph, OnnxStep step, int layers, OnnxLayout layout) =>
        layers > 0 ? layout : throw graph.Error(step.Node, "expected the dense head after the recurrent layers; found it before the first");

    /// <summary>
    /// The meaning of the graph input's axes: what the first recurrent node's X ([time, 1, features]) is, walked back
    /// through the Transpose, Squeeze, Unsqueeze and Identity nodes before it; then checked against the input's declared shape.
    /// </summary>
    private static OnnxLayout InputLayout(OnnxGraph graph, string input, IReadOnlyList<OnnxStep> steps, int first)
    {
        var recurrent = steps[first].Node;
        var w = graph.ConstantInput(recurrent, 1, "W", "[1, G·H, inputs]");
        if (w.Dims.Count != 3 || w.Dims[2] is < 1 or > ModelDefinition.MaxWidth)
        {
            throw graph.Error(recurrent, $"input W: expected shape [1, G·H, inputs]; found {w.Shape}");
        }

        var layout = OnnxLayout.RecurrentInput((int)w.Dims[2]);
        for (int i = first - 1; i >= 0; i--)
        {
            var node = steps[i].Node;
            layout = Reshaped(graph, steps[i], layout, forward: false)
                ?? throw graph.Error(node, $"expected only Transpose, Squeeze, Unsqueeze or Identity between input '{input}' and the first recurrent layer, {graph.Describe(recurrent)}; found this {node.OpType}, which EdgeRnn does not run (normalise inputs with the model's input normalisation instead)");
        }

        var dims = graph.Input(input)?.Type?.TensorType?.Shape?.Dim;
        if (dims is null)
        {
            return layout;
        }

        string declared = "[" + string.Join(", ", dims.Select(d => d.HasDimValue ? d.DimValue.ToString(CultureInfo.InvariantCulture) : d.HasDimParam ? d.DimParam : "?")) + "]";
        bool fits = dims.Count == layout.Rank && dims.Select((d, i) => !d.HasDimValue || layout.Axes[i] switch
        {
            OnnxAxis.Feature => d.DimValue == layout.Width,
            OnnxAxis.One => d.DimValue == 1,
            _ => true,
        }).All(ok => ok);
        return fits
            ? layout
            : throw new InvalidDataException($"{graph.Source}: input '{input}': expected shape {layout} (what {graph.Describe(recurrent)} reads); found {declared}.");
    }

    /// <summary>A layout through a shape-only node, forward or backward; null for any other operator.</summary>
    private static OnnxLayout? Reshaped(OnnxGraph graph, OnnxStep step, OnnxLayout layout, bool forward)
    {
        var node = step.Node;
        if (node.OpType is not ("Identity" or "Transpose" or "Squeeze" or "Unsqueeze"))
        {
            return null;
        }

        if (step.Slot != 0)
        {
            throw graph.Error(node, $"expected the path through input 0, the data; found it through input {step.Slot}");
        }

        var attributes = graph.Attributes(node);
        OnnxLayout? result;
        switch (node.OpType)
        {
            case "Identity":
                return layout;
            case "Transpose":
                attributes.CheckKnown("perm");
                long[]? perm = attributes.Ints("perm");
                result = forward ? layout.Transposed(perm) : layout.BeforeTranspose(perm);
                return result ?? throw graph.Error(node, $"attribute 'perm': expected a permutation of the {layout.Rank} axes of {layout}; found [{string.Join(", ", perm ?? [])}]");
            default:
                attributes.CheckKnown("axes");
                long[] axes = attributes.Ints("axes")
                    ?? (node.Input.Count > 1 && node.Input[1].Length != 0 ? graph.ConstantInput(node, 1, "axes", "[n]").ToLongs(graph.Source) : null)
                    ?? throw graph.Error(node, "expected the axes (attribute or constant input); found none (EdgeRnn does not guess which axes have length 1)");
                bool squeeze = node.OpType == "Squeeze";
                result = (squeeze, forward) switch
                {
                    (true, true) => layout.Squeezed(axes),
                    (true, false) => layout.BeforeSqueeze(axes),
                    (false, true) => layout.Unsqueezed(axes),
                    _ => layout.BeforeUnsqueeze(axes),
                };
                string what = squeeze ? "axes of length 1" : "new axes";
                return result ?? throw graph.Error(node, $"axes [{string.Join(", ", axes)}]: expected {what} of {layout} (the path's layout {(forward ? "before" : "after")} this node); found axes that are not");
        }
    }

    private static int CheckOpset(ModelProto model, string source)
    {
        var opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx");
        if (opset is null || opset.Version < MinOpset)
        {
            throw new InvalidDataException($"{source}: expected the default ONNX opset {MinOpset} or later; found {(opset is null ? "none" : opset.Version.ToString(CultureInfo.InvariantCulture))}.");
        }

        return (int)opset.Version;
    }

    private static Dictionary<string, string> Properties(ModelProto model, int opset)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in model.MetadataProps)
        {
            properties[entry.Key] = entry.Value;
        }

        properties["imported_from"] = "onnx";
        properties["onnx_opset"] = opset.ToString(CultureInfo.InvariantCulture);
        string producer = $"{model.ProducerName} {model.ProducerVersion}".Trim();
        if (producer.Length != 0)
        {
            properties["onnx_producer"] = producer;
        }

        return properties;
    }
}
