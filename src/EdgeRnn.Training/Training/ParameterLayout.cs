namespace EdgeRnn.Training.Training;

/// <summary>One named tensor inside the flat parameter vector, in PyTorch's name and row-major layout.</summary>
/// <param name="Name">PyTorch's name, e.g. <c>rnn.weight_ih_l0</c> or <c>head.bias</c>.</param>
/// <param name="Offset">The first element in the flat vector.</param>
/// <param name="Rows">Rows (the length for a bias).</param>
/// <param name="Cols">Columns (1 for a bias).</param>
internal readonly record struct ParameterTensor(string Name, int Offset, int Rows, int Cols)
{
    public int Length => Rows * Cols;

    public Span<T> Of<T>(T[] flat) => flat.AsSpan(Offset, Length);
}

/// <summary>
/// Where each tensor lives in the flat parameter vector (and in a gradient of the same shape): first
/// <c>embedding.weight</c> [V, E] when the network has an embedding, then for every layer k
/// <c>rnn.weight_ih_lk</c> [G·H, in], <c>rnn.weight_hh_lk</c> [G·H, H], <c>rnn.bias_ih_lk</c> [G·H],
/// <c>rnn.bias_hh_lk</c> [G·H] (a bidirectional network follows each with the same four <c>…_reverse</c> tensors, as
/// PyTorch's <c>named_parameters</c> do); then <c>head.weight</c> [out, H or 2H] and <c>head.bias</c> [out]. The per-layer
/// accessors take a unit index (<see cref="NetworkShape.Units"/>), which is the layer index of a unidirectional network.
/// </summary>
internal sealed class ParameterLayout
{
    private readonly ParameterTensor[] _tensors;

    /// <summary>The index of layer 0's first tensor: 1 after an embedding table, else 0.</summary>
    private readonly int _first;

    public ParameterLayout(NetworkShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        var tensors = new List<ParameterTensor>();
        int offset = 0;
        void Add(string name, int rows, int cols)
        {
            tensors.Add(new ParameterTensor(name, offset, rows, cols));
            offset += rows * cols;
        }

        if (shape.HasEmbedding)
        {
            Add("embedding.weight", shape.InputSize, shape.EmbeddingSize);
            _first = 1;
        }

        for (int u = 0; u < shape.Units; u++)
        {
            int k = u / shape.Directions;
            string suffix = u % shape.Directions == 1 ? "_reverse" : string.Empty;
            Add($"rnn.weight_ih_l{k}{suffix}", shape.GateWidth, shape.LayerInputSize(k));
            Add($"rnn.weight_hh_l{k}{suffix}", shape.GateWidth, shape.HiddenSize);
            Add($"rnn.bias_ih_l{k}{suffix}", shape.GateWidth, 1);
            Add($"rnn.bias_hh_l{k}{suffix}", shape.GateWidth, 1);
        }

        Add("head.weight", shape.OutputSize, shape.LayerOutputSize);
        Add("head.bias", shape.OutputSize, 1);
        _tensors = [.. tensors];
        Count = offset;
    }

    public NetworkShape Shape { get; }

    /// <summary>The total number of parameters.</summary>
    public int Count { get; }

    /// <summary>Every tensor, in PyTorch's order.</summary>
    public IReadOnlyList<ParameterTensor> Tensors => _tensors;

    public ParameterTensor WeightIh(int layer) => _tensors[_first + (4 * layer)];

    public ParameterTensor WeightHh(int layer) => _tensors[_first + (4 * layer) + 1];

    public ParameterTensor BiasIh(int layer) => _tensors[_first + (4 * layer) + 2];

    public ParameterTensor BiasHh(int layer) => _tensors[_first + (4 * layer) + 3];

    /// <summary>The embedding table [V, E]; only when <see cref="NetworkShape.HasEmbedding"/>.</summary>
    public ParameterTensor Embedding => Shape.HasEmbedding ? _tensors[0] : throw new InvalidOperationException("Expected a network with an embedding; this one reads its inputs directly.");

    public ParameterTensor HeadWeight => _tensors[^2];

    public ParameterTensor HeadBias => _tensors[^1];

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public ParameterTensor this[string name] =>
        Array.Find(_tensors, t => t.Name == name) is { Name: not null } found
            ? found
            : throw new KeyNotFoundException($"Expected a parameter named one of {string.Join(", ", _tensors.Select(t => t.Name))}; found '{name}'.");
}
