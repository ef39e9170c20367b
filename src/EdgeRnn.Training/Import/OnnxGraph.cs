using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace EdgeRnn.Training.Import;

/// <summary>
/// An index over an ONNX graph: which node produces each value, which values are constants (initializers and
/// <c>Constant</c> nodes), which depend on the data of a graph input, and which are provably zero. Every error names the
/// file and the node.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>Ops whose output is zero wherever their first input is: they only select, move or repeat values.</summary>
    private static readonly string[] ZeroPreserving = ["Identity", "Slice", "Gather", "Squeeze", "Unsqueeze", "Reshape", "Expand", "Transpose", "Tile", "Cast"];

    private readonly Dictionary<string, (NodeProto Node, int Output)> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<NodeProto, int> _indices = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, TensorProto> _initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueInfoProto> _inputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _data = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxTensor?> _constants = new(StringComparer.Ordinal);

    /// <summary>Indexes a graph, checking that its nodes are in topological order (as the ONNX spec requires).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="source">The file name used in messages.</param>
    /// <exception cref="InvalidDataException">A node uses a value produced only by a later node, or a value is produced twice.</exception>
    public OnnxGraph(GraphProto graph, string source)
    {
        Source = source;
        foreach (var initializer in graph.Initializer)
        {
            _initializers[initializer.Name] = initializer;
        }

        foreach (var input in graph.Input.Where(input => !_initializers.ContainsKey(input.Name)))
        {
            _inputs[input.Name] = input;
            _data.Add(input.Name);
        }

        Inputs = [.. _inputs.Keys];
        Outputs = [.. graph.Output.Select(output => output.Name)];
        var seen = new HashSet<string>(Inputs.Concat(_initializers.Keys), StringComparer.Ordinal);
        for (int index = 0; index < graph.Node.Count; index++)
        {
            var node = graph.Node[index];
            _indices[node] = index;
            foreach (string input in node.Input.Where(input => input.Length != 0 && !seen.Contains(input)))
            {
                throw Error(node, $"input '{input}': expected a graph input, an initializer or the output of an earlier node (nodes in topological order); found none");
            }

            // Shape and Size read only the shape, and ConstantOfShape fills a shape with its constant: none of them
            // carries the data of a graph input.
            bool data = node.OpType is not ("Shape" or "Size" or "ConstantOfShape") && node.Input.Any(_data.Contains);
            for (int output = 0; output < node.Output.Count; output++)
            {
                string name = node.Output[output];
                if (name.Length == 0)
                {
                    continue;
                }

                if (!seen.Add(name))
                {
                    throw Error(node, $"output '{name}': expected each value defined once; found it defined before");
                }

                _producers[name] = (node, output);
                if (data)
                {
                    _data.Add(name);
                }
            }
        }
    }

    /// <summary>The file name used in messages.</summary>
    public string Source { get; }

    /// <summary>The graph inputs that are not initializers, in graph order.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The graph outputs, in graph order.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>How messages name a node: its op type and name, or its position when it has no name.</summary>
    /// <param name="node">The node.</param>
    /// <returns>e.g. <c>LSTM '/rnn/LSTM'</c>.</returns>
    public string Describe(NodeProto node) =>
        node.Name.Length != 0 ? $"{node.OpType} '{node.Name}'" : $"{node.OpType} node #{_indices[node]} (output '{node.Output.FirstOrDefault()}')";

    /// <summary>Builds an error about a node.</summary>
    /// <param name="node">The node.</param>
    /// <param name="message">What was expected and found.</param>
    /// <returns>The exception to throw.</returns>
    public InvalidDataException Error(NodeProto node, string message) => new($"{Source}: {Describe(node)}: {message}.");

    /// <summary>The attributes of a node.</summary>
    /// <param name="node">The node.</param>
    /// <returns>Typed access with messages naming the node.</returns>
    public OnnxAttributes Attributes(NodeProto node) => new(node, Describe(node), Source);

    /// <summary>The node that produces a value, or null for a graph input, an initializer or an unknown name.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node and which of its outputs the value is.</returns>
    public (NodeProto Node, int Output)? Producer(string value) => _producers.TryGetValue(value, out var producer) ? producer : null;

    /// <summary>A graph input's declared type, or null when <paramref name="value"/> is not a graph input.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The input's value info.</returns>
    public ValueInfoProto? Input(string value) => _inputs.GetValueOrDefault(value);

    /// <summary>Whether a value depends on the data of a graph input (not only on its shape).</summary>
    /// <param name="value">The value.</param>
    /// <returns>True when it does.</returns>
    public bool CarriesData(string value) => _data.Contains(value);

    /// <summary>The constant a value holds: an initializer, a <c>Constant</c> node's value, or either through Identity.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The tensor, or null when the value is computed or absent.</returns>
    /// <exception cref="InvalidDataException">The constant cannot be read.</exception>
    public OnnxTensor? Constant(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (!_constants.TryGetValue(value, out var tensor))
        {
            tensor = ReadConstant(value);
            _constants[value] = tensor;
        }

        return tensor;
    }

    /// <summary>A node's input that must be a constant.</summary>
    /// <param name="node">The node.</param>
    /// <param name="slot">The input's position.</param>
    /// <param name="what">The input's name in the operator's spec, e.g. <c>W</c>.</param>
    /// <param name="layout">The expected shape, for messages, e.g. <c>[1, 4·H, inputs]</c>.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="InvalidDataException">The input is absent or computed.</exception>
    public OnnxTensor ConstantInput(NodeProto node, int slot, string what, string layout)
    {
        string value = slot < node.Input.Count ? node.Input[slot] : string.Empty;
        if (value.Length == 0)
        {
            throw Error(node, $"input {what}: expected a constant {layout}; found none");
        }

        return Constant(value) ?? throw Error(node, $"input {what}: expected a constant {layout} (an initializer); found {WhatIs(value)}");
    }

    /// <summary>What a value is, for messages: a graph input, an initializer or a node's output.</summary>
    /// <param name="value">The value.</param>
    /// <returns>e.g. <c>the output of Mul '/mul'</c>.</returns>
    public string WhatIs(string value) =>
        _inputs.ContainsKey(value) ? $"graph input '{value}'"
        : _producers.GetValueOrDefault(value) is { Node: { } node } ? $"the output of {Describe(node)}"
        : _initializers.ContainsKey(value) ? $"initializer '{value}'"
        : $"'{value}', which nothing defines";

    /// <summary>
    /// Why a value is not known to be all zeros, or null when it is: absent, a zero constant, a <c>ConstantOfShape</c> of
    /// zero, or zeros selected, reshaped or repeated by <see cref="ZeroPreserving"/> ops or a <c>Concat</c> of zeros (how
    /// torch.onnx builds the zero initial states of each layer).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>Null when zero; otherwise what the value is, for a message.</returns>
    public string? WhyNotZero(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (_inputs.ContainsKey(value))
        {
            return $"graph input '{value}'";
        }

        if (_producers.GetValueOrDefault(value) is not { Node: { } node })
        {
            return Constant(value) is { IsAllZero: true } ? null : $"initializer '{value}' with non-zero values";
        }

        return node.OpType switch
        {
            "Constant" => Constant(value) is { IsAllZero: true } ? null : $"{Describe(node)} with non-zero values",
            "ConstantOfShape" => Attributes(node).Tensor("value") is { IsAllZero: false } ? $"{Describe(node)} filled with a non-zero value" : null,
            "Concat" => node.Input.Select(WhyNotZero).FirstOrDefault(reason => reason is not null),
            _ when ZeroPreserving.Contains(node.OpType) && node.Input.Count > 0 => WhyNotZero(node.Input[0]),
            _ => WhatIs(value),
        };
    }

    private OnnxTensor? ReadConstant(string value)
    {
        if (_initializers.TryGetValue(value, out var initializer))
        {
            return OnnxTensor.From(initializer, value, Source);
        }

        if (_producers.GetValueOrDefault(value) is not { Node: { } node })
        {
            return null;
        }

        if (node.OpType == "Identity")
        {
            return Constant(node.Input[0]);
        }

        if (node.OpType != "Constant")
        {
            return null;
        }

        var attributes = Attributes(node);
        attributes.CheckKnown("value", "value_float", "value_floats", "value_int", "value_ints");
        return attributes.Tensor("value")
            ?? (attributes.Float("value_float") is { } single ? OnnxTensor.FromValues(value, [single], scalar: true, DataType.Float) : null)
            ?? (attributes.Int("value_int") is { } whole ? OnnxTensor.FromValues(value, [whole], scalar: true, DataType.Int64) : null)
            ?? (attributes.Ints("value_ints") is { } wholes ? OnnxTensor.FromValues(value, Array.ConvertAll(wholes, v => (double)v), scalar: false, DataType.Int64) : null)
            ?? (attributes.Floats("value_floats") is { } singles ? OnnxTensor.FromValues(value, Array.ConvertAll(singles, v => (double)v), scalar: false, DataType.Float) : null)
            ?? throw Error(node, "expected one of the attributes value, value_float, value_floats, value_int or value_ints; found none");
    }
}
