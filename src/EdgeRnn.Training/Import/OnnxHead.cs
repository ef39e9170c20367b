using EdgeRnn.Runtime.Model;
using Onnx;

namespace EdgeRnn.Training.Import;

/// <summary>
/// The dense head after the last recurrent layer, as exporters write <c>nn.Linear</c>: a <c>MatMul</c> by a constant
/// [H, out] matrix followed by <c>Add</c>s of a constant bias, or one <c>Gemm</c> (alpha·A·B + beta·C, B optionally
/// transposed). The weights end up as the runtime's [out, H] matrix.
/// </summary>
internal sealed class OnnxHead
{
    private readonly OnnxGraph _graph;
    private float[]? _weight;
    private float[] _bias = [];
    private int _inputs;
    private NodeProto? _node;

    /// <summary>Starts an empty head.</summary>
    /// <param name="graph">The graph.</param>
    public OnnxHead(OnnxGraph graph) => _graph = graph;

    /// <summary>The node that made the head's matrix, or null before one was seen.</summary>
    public NodeProto? Node => _node;

    /// <summary>Takes a MatMul whose input A is the path.</summary>
    /// <param name="step">The node and the path's input slot.</param>
    /// <param name="layout">The path's layout at A.</param>
    /// <returns>The layout of the product.</returns>
    /// <exception cref="InvalidDataException">The product is not sequence × constant matrix, or a head exists already.</exception>
    public OnnxLayout MatMul(OnnxStep step, OnnxLayout layout)
    {
        var node = Start(step, layout);
        var b = _graph.ConstantInput(node, 1, "B", $"[{layout.Width}, outputs]");
        if (b.Dims.Count != 2 || b.Dims[0] != layout.Width || b.Dims[1] is < 1 or > ModelDefinition.MaxWidth)
        {
            throw _graph.Error(node, $"input B: expected shape [{layout.Width}, outputs] ({layout.Width} features in, 1 to {ModelDefinition.MaxWidth} out); found {b.Shape}");
        }

        int outputs = (int)b.Dims[1];
        Set(Transpose(b.ToFloats(_graph.Source), layout.Width, outputs), layout.Width, outputs);
        return layout with { Width = outputs };
    }

    /// <summary>Takes a Gemm whose input A is the path.</summary>
    /// <param name="step">The node and the path's input slot.</param>
    /// <param name="layout">The path's layout at A.</param>
    /// <returns>The layout of the result, [time, outputs].</returns>
    /// <exception cref="InvalidDataException">A is not [time, features], B or C is not a constant of the right shape, or a head exists already.</exception>
    public OnnxLayout Gemm(OnnxStep step, OnnxLayout layout)
    {
        var node = Start(step, layout, lastAxis: false);
        var attributes = _graph.Attributes(node);
        attributes.CheckKnown("alpha", "beta", "transA", "transB");
        bool transA = attributes.Int("transA") is { } a && a != 0;
        bool transB = attributes.Int("transB") is { } t && t != 0;
        float alpha = attributes.Float("alpha") ?? 1;
        float beta = attributes.Float("beta") ?? 1;
        var expectedA = transA ? new[] { OnnxAxis.Feature, OnnxAxis.Time } : [OnnxAxis.Time, OnnxAxis.Feature];
        if (!layout.Axes.SequenceEqual(expectedA))
        {
            throw _graph.Error(node, $"input A: expected {new OnnxLayout(expectedA, layout.Width)} (transA={(transA ? 1 : 0)}); found {layout}");
        }

        int width = layout.Width;
        var b = _graph.ConstantInput(node, 1, "B", transB ? $"[outputs, {width}]" : $"[{width}, outputs]");
        long outputsDim = b.Dims.Count == 2 ? b.Dims[transB ? 0 : 1] : 0;
        if (b.Dims.Count != 2 || b.Dims[transB ? 1 : 0] != width || outputsDim is < 1 or > ModelDefinition.MaxWidth)
        {
            throw _graph.Error(node, $"input B: expected shape {(transB ? $"[outputs, {width}]" : $"[{width}, outputs]")} (transB={(transB ? 1 : 0)}); found {b.Shape}");
        }

        int outputs = (int)outputsDim;
        float[] values = b.ToFloats(_graph.Source);
        float[] weight = transB ? values : Transpose(values, width, outputs);
        for (int i = 0; i < weight.Length; i++)
        {
            weight[i] *= alpha;
        }

        Set(weight, width, outputs);
        if (node.Input.Count > 2 && node.Input[2].Length != 0)
        {
            AddBias(node, _graph.ConstantInput(node, 2, "C", $"[{outputs}]"), beta, "C");
        }

        return new OnnxLayout([OnnxAxis.Time, OnnxAxis.Feature], outputs);
    }

    /// <summary>Takes an Add of a constant to the head's product: its bias.</summary>
    /// <param name="step">The node and the path's input slot.</param>
    /// <param name="layout">The path's layout.</param>
    /// <returns>The same layout.</returns>
    /// <exception cref="InvalidDataException">There is no head yet, or the other operand is not a constant per output.</exception>
    public OnnxLayout Add(OnnxStep step, OnnxLayout layout)
    {
        var node = step.Node;
        if (_weight is null)
        {
            throw _graph.Error(node, "expected an Add only as the bias of the head, after its MatMul; found it before any MatMul or Gemm");
        }

        if (layout.Axes[^1] != OnnxAxis.Feature)
        {
            throw _graph.Error(node, $"expected the bias added along the last axis, the features; found the path's layout {layout}");
        }

        var bias = _graph.ConstantInput(node, 1 - step.Slot, "bias", $"[{_bias.Length}]");
        if (bias.Dims.Count > layout.Rank)
        {
            throw _graph.Error(node, $"the bias: expected at most {layout.Rank} dimensions; found {bias.Shape}");
        }

        AddBias(node, bias, 1, "the bias");
        return layout;
    }

    /// <summary>The dense layer.</summary>
    /// <returns>The head, or null when no MatMul or Gemm was seen.</returns>
    /// <exception cref="ArgumentException">A value is not finite.</exception>
    public DenseLayer? Build() => _weight is null ? null : new DenseLayer(WeightMatrix.FromFloat(_bias.Length, _inputs, _weight), _bias);

    private NodeProto Start(OnnxStep step, OnnxLayout layout, bool lastAxis = true)
    {
        var node = step.Node;
        if (_node is not null)
        {
            throw _graph.Error(node, $"expected one dense head after the recurrent layers; found a second dense layer after {_graph.Describe(_node)} (EdgeRnn runs one)");
        }

        if (step.Slot != 0)
        {
            throw _graph.Error(node, $"expected the sequence as input A and constant weights as B; found the sequence as input {(step.Slot == 1 ? "B" : "C")}");
        }

        if (lastAxis && layout.Axes[^1] != OnnxAxis.Feature)
        {
            throw _graph.Error(node, $"input A: expected the features as the last axis; found {layout}");
        }

        _node = node;
        return node;
    }

    private void Set(float[] weight, int inputs, int outputs)
    {
        _weight = weight;
        _inputs = inputs;
        _bias = new float[outputs];
    }

    private void AddBias(NodeProto node, OnnxTensor tensor, float scale, string what)
    {
        bool leadingOnes = tensor.Dims.Take(Math.Max(0, tensor.Dims.Count - 1)).All(d => d == 1);
        int count = tensor.Values.Length;
        if (!leadingOnes || (count != 1 && count != _bias.Length))
        {
            throw _graph.Error(node, $"{(what == "C" ? "input C" : what)}: expected {_bias.Length} values, one per output (shape [{_bias.Length}], [1, {_bias.Length}], … or a single value); found {tensor.Shape}");
        }

        float[] values = tensor.ToFloats(_graph.Source);
        for (int o = 0; o < _bias.Length; o++)
        {
            _bias[o] += scale * values[count == 1 ? 0 : o];
        }
    }

    private static float[] Transpose(float[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                result[(c * rows) + r] = values[(r * cols) + c];
            }
        }

        return result;
    }
}
