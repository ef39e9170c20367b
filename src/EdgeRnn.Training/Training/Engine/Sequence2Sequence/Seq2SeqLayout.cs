using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Training.Engine.Sequence2Sequence;

/// <summary>
/// Where each tensor of an encoder–decoder lives in the flat parameter vector, in PyTorch's names and order
/// (tools/golden_seq2seq.py's <c>named_parameters</c>): <c>encoder.weight_ih_lk</c>, <c>encoder.weight_hh_lk</c>,
/// <c>encoder.bias_ih_lk</c>, <c>encoder.bias_hh_lk</c> for every layer k, the same four <c>decoder.*</c>, then the
/// attention's (<c>attention.general.weight</c> [H, H]; or <c>attention.memory.weight</c> [A, H],
/// <c>attention.query.weight</c> [A, H], <c>attention.v.weight</c> [1, A]; then <c>attention.combine.weight</c> [H, 2H]),
/// and <c>head.weight</c> [out, H], <c>head.bias</c> [out].
/// </summary>
internal sealed class Seq2SeqLayout
{
    private readonly ParameterTensor[] _tensors;
    private readonly int _decoderStart;

    public Seq2SeqLayout(Seq2SeqShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        var tensors = new List<ParameterTensor>();
        int offset = 0;
        ParameterTensor Add(string name, int rows, int cols)
        {
            var tensor = new ParameterTensor(name, offset, rows, cols);
            tensors.Add(tensor);
            offset += rows * cols;
            return tensor;
        }

        void AddStack(string prefix, NetworkShape stack)
        {
            for (int k = 0; k < stack.Layers; k++)
            {
                Add($"{prefix}.weight_ih_l{k}", stack.GateWidth, stack.LayerInputSize(k));
                Add($"{prefix}.weight_hh_l{k}", stack.GateWidth, stack.HiddenSize);
                Add($"{prefix}.bias_ih_l{k}", stack.GateWidth, 1);
                Add($"{prefix}.bias_hh_l{k}", stack.GateWidth, 1);
            }
        }

        int h = shape.HiddenSize;
        AddStack("encoder", shape.Encoder);
        _decoderStart = tensors.Count;
        AddStack("decoder", shape.Decoder);
        switch (shape.Attention)
        {
            case AttentionKind.General:
                General = Add("attention.general.weight", h, h);
                break;
            case AttentionKind.Additive:
                Memory = Add("attention.memory.weight", shape.AttentionSize, h);
                Query = Add("attention.query.weight", shape.AttentionSize, h);
                Score = Add("attention.v.weight", 1, shape.AttentionSize);
                break;
        }

        if (shape.Attention != AttentionKind.None)
        {
            Combine = Add("attention.combine.weight", h, 2 * h);
        }

        HeadWeight = Add("head.weight", shape.OutputSize, h);
        HeadBias = Add("head.bias", shape.OutputSize, 1);
        _tensors = [.. tensors];
        Count = offset;
    }

    public Seq2SeqShape Shape { get; }

    /// <summary>The total number of parameters.</summary>
    public int Count { get; }

    /// <summary>Every tensor, in PyTorch's order.</summary>
    public IReadOnlyList<ParameterTensor> Tensors => _tensors;

    /// <summary>W_a; default unless the attention is general.</summary>
    public ParameterTensor General { get; }

    /// <summary>W_k; default unless additive.</summary>
    public ParameterTensor Memory { get; }

    /// <summary>W_q; default unless additive.</summary>
    public ParameterTensor Query { get; }

    /// <summary>v; default unless additive.</summary>
    public ParameterTensor Score { get; }

    /// <summary>W_c; default without attention.</summary>
    public ParameterTensor Combine { get; }

    public ParameterTensor HeadWeight { get; }

    public ParameterTensor HeadBias { get; }

    /// <summary>Tensor <paramref name="index"/> (0 W_ih, 1 W_hh, 2 b_ih, 3 b_hh) of layer <paramref name="layer"/> of the encoder or the decoder.</summary>
    public ParameterTensor Recurrent(bool decoder, int layer, int index) => _tensors[(decoder ? _decoderStart : 0) + (4 * layer) + index];

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public ParameterTensor this[string name] =>
        Array.Find(_tensors, t => t.Name == name) is { Name: not null } found
            ? found
            : throw new KeyNotFoundException($"Expected a parameter named one of {string.Join(", ", _tensors.Select(t => t.Name))}; found '{name}'.");
}
