namespace EdgeRnn.Runtime.Model;

/// <summary>
/// The decoder of an encoder–decoder model: recurrent layers of the encoder's kind and size that start from the encoder's
/// final state and produce <see cref="Horizon"/> outputs, each fed back as the next step's input, with optional attention
/// over the encoder's outputs. The model's <see cref="ModelDefinition.Head"/> turns each step's z into an output.
/// </summary>
/// <remarks>
/// For k = 1..N: d = the top layer's h after reading y_in[k] (y_in[1] per <see cref="Start"/>, then y_in[k+1] = y[k]
/// normalised); z = d without attention, else a = softmax over s of score[s] (see <see cref="AttentionKind"/>),
/// c = Σ_s a[s] E[s] and z = tanh(W_c [c; d]); y[k] = head(z). The reference is tools/golden_seq2seq.py.
/// </remarks>
public sealed class SequenceDecoder
{
    private readonly RecurrentLayer[] _layers;
    private readonly float[] _score;

    /// <summary>Creates a decoder and checks its own shapes (<see cref="ModelDefinition"/> checks them against the encoder's).</summary>
    /// <param name="horizon">Outputs per run, 1 to <see cref="ModelDefinition.MaxHorizon"/>.</param>
    /// <param name="start">What the first step reads.</param>
    /// <param name="layers">1 to <see cref="ModelDefinition.MaxLayers"/> unidirectional layers of one kind and hidden size H; layer 0 reads the model's outputs.</param>
    /// <param name="attention">The attention score, or <see cref="AttentionKind.None"/>.</param>
    /// <param name="general">W_a, H × H: only for <see cref="AttentionKind.General"/>.</param>
    /// <param name="memory">W_k, A × H, on the encoder's outputs: only for <see cref="AttentionKind.Additive"/>.</param>
    /// <param name="query">W_q, A × H, on the decoder's h: only for <see cref="AttentionKind.Additive"/>.</param>
    /// <param name="score">v, A finite values (copied, kept float32): only for <see cref="AttentionKind.Additive"/>.</param>
    /// <param name="combine">W_c, H × 2H over [context; d]: for every kind but <see cref="AttentionKind.None"/>.</param>
    /// <exception cref="ArgumentException">A value is out of range, a weight is missing, extra or of the wrong shape.</exception>
    public SequenceDecoder(
        int horizon,
        DecoderStart start,
        IReadOnlyList<RecurrentLayer> layers,
        AttentionKind attention,
        WeightMatrix? general = null,
        WeightMatrix? memory = null,
        WeightMatrix? query = null,
        ReadOnlySpan<float> score = default,
        WeightMatrix? combine = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (horizon is < 1 or > ModelDefinition.MaxHorizon)
        {
            throw new ArgumentException($"Expected a decoder horizon in [1, {ModelDefinition.MaxHorizon}]; found {horizon}.", nameof(horizon));
        }

        if (!Enum.IsDefined(start))
        {
            throw new ArgumentException($"Expected decoder start Zeros or LastTargets; found {(int)start}.", nameof(start));
        }

        if (!Enum.IsDefined(attention))
        {
            throw new ArgumentException($"Expected attention None, Dot, General or Additive; found {(int)attention}.", nameof(attention));
        }

        _layers = CheckLayers(layers);
        int hidden = _layers[0].HiddenSize;
        bool additive = attention == AttentionKind.Additive;
        CheckMatrix(general, attention == AttentionKind.General, hidden, hidden, "general (W_a)", attention, nameof(general));
        int width = additive && memory is not null ? memory.Rows : 0;
        if (additive && memory is not null && width is < 1 or > ModelDefinition.MaxWidth)
        {
            throw new ArgumentException($"Expected an attention size in [1, {ModelDefinition.MaxWidth}]; found {width}.", nameof(memory));
        }

        CheckMatrix(memory, additive, width, hidden, "memory (W_k)", attention, nameof(memory));
        CheckMatrix(query, additive, width, hidden, "query (W_q)", attention, nameof(query));
        CheckMatrix(combine, attention != AttentionKind.None, hidden, 2 * hidden, "combine (W_c)", attention, nameof(combine));
        if (additive)
        {
            Vectors.CheckFinite(score, width, nameof(score));
        }
        else if (!score.IsEmpty)
        {
            throw new ArgumentException($"Expected no score vector v for {attention} attention; found {score.Length} values.", nameof(score));
        }

        Horizon = horizon;
        Start = start;
        Attention = attention;
        General = general;
        Memory = memory;
        Query = query;
        _score = score.ToArray();
        Combine = combine;
        AttentionSize = width;
    }

    /// <summary>The number of outputs per run, N.</summary>
    public int Horizon { get; }

    /// <summary>What the first step reads.</summary>
    public DecoderStart Start { get; }

    /// <summary>The decoder's layers, first to last.</summary>
    public IReadOnlyList<RecurrentLayer> Layers => _layers;

    /// <summary>The attention score, or <see cref="AttentionKind.None"/>.</summary>
    public AttentionKind Attention { get; }

    /// <summary>W_a, H × H (<see cref="AttentionKind.General"/> only).</summary>
    public WeightMatrix? General { get; }

    /// <summary>W_k, A × H, on the encoder's outputs (<see cref="AttentionKind.Additive"/> only).</summary>
    public WeightMatrix? Memory { get; }

    /// <summary>W_q, A × H, on the decoder's h (<see cref="AttentionKind.Additive"/> only).</summary>
    public WeightMatrix? Query { get; }

    /// <summary>v, A values, always float32 (<see cref="AttentionKind.Additive"/> only; empty otherwise).</summary>
    public ReadOnlySpan<float> Score => _score;

    /// <summary>W_c, H × 2H over [context; d] (every kind but <see cref="AttentionKind.None"/>).</summary>
    public WeightMatrix? Combine { get; }

    /// <summary>The additive attention's width A; 0 for the other kinds.</summary>
    public int AttentionSize { get; }

    /// <summary>The hidden width H of every decoder layer.</summary>
    public int HiddenSize => _layers[0].HiddenSize;

    /// <summary>Whether any decoder weight matrix is int8.</summary>
    public bool IsQuantized =>
        _layers.Any(l => l.IsQuantized) || General?.IsQuantized == true || Memory?.IsQuantized == true || Query?.IsQuantized == true || Combine?.IsQuantized == true;

    private static RecurrentLayer[] CheckLayers(IReadOnlyList<RecurrentLayer> layers)
    {
        if (layers.Count is < 1 or > ModelDefinition.MaxLayers)
        {
            throw new ArgumentException($"Expected 1 to {ModelDefinition.MaxLayers} decoder layers; found {layers.Count}.", nameof(layers));
        }

        var copy = layers.ToArray();
        for (int k = 0; k < copy.Length; k++)
        {
            var layer = copy[k] ?? throw new ArgumentException($"Decoder layer {k} is null.", nameof(layers));
            if (layer.IsBidirectional)
            {
                throw new ArgumentException($"Expected unidirectional decoder layers; found layer {k} bidirectional.", nameof(layers));
            }

            if (layer.Kind != copy[0].Kind || layer.HiddenSize != copy[0].HiddenSize)
            {
                throw new ArgumentException($"Expected every decoder layer to be {copy[0].Kind} with hidden size {copy[0].HiddenSize}; found layer {k} {layer.Kind} with {layer.HiddenSize}.", nameof(layers));
            }

            if (k > 0 && layer.InputSize != copy[0].HiddenSize)
            {
                throw new ArgumentException($"Expected decoder layer {k} input size {copy[0].HiddenSize} (the hidden size); found {layer.InputSize}.", nameof(layers));
            }

            if (layer.InputSize > ModelDefinition.MaxWidth || layer.HiddenSize > ModelDefinition.MaxWidth)
            {
                throw new ArgumentException($"Expected decoder layer {k} widths in [1, {ModelDefinition.MaxWidth}]; found input {layer.InputSize}, hidden {layer.HiddenSize}.", nameof(layers));
            }
        }

        return copy;
    }

    private static void CheckMatrix(WeightMatrix? matrix, bool needed, int rows, int cols, string what, AttentionKind attention, string name)
    {
        if (!needed)
        {
            if (matrix is not null)
            {
                throw new ArgumentException($"Expected no attention {what} weight for {attention} attention; found one of {matrix.Rows} × {matrix.Cols}.", name);
            }

            return;
        }

        if (matrix is null)
        {
            throw new ArgumentException($"Expected an attention {what} weight of {rows} × {cols} for {attention} attention; found none.", name);
        }

        if (matrix.Rows != rows || matrix.Cols != cols)
        {
            throw new ArgumentException($"Expected the attention {what} weight to be {rows} × {cols}; found {matrix.Rows} × {matrix.Cols}.", name);
        }
    }
}
