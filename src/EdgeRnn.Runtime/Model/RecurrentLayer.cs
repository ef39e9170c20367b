namespace EdgeRnn.Runtime.Model;

/// <summary>
/// One recurrent layer in PyTorch's layout: <c>weight_ih</c> [G·H, in], <c>weight_hh</c> [G·H, H], <c>bias_ih</c> and
/// <c>bias_hh</c> [G·H], with G = <see cref="CellKinds.GateCount"/> gate blocks stacked along the rows. A bidirectional
/// layer (<see cref="Reverse"/> set, PyTorch's <c>bidirectional=True</c>) also runs the window from its last step to its
/// first with the reverse direction's weights and outputs [h_forward(t), h_reverse(t)], 2H values per step.
/// </summary>
public sealed class RecurrentLayer
{
    private readonly float[] _biasIh;
    private readonly float[] _biasHh;

    /// <summary>Creates a layer, checking every shape.</summary>
    /// <param name="kind">The cell kind.</param>
    /// <param name="weightIh">Input weights, G·H × input size.</param>
    /// <param name="weightHh">Recurrent weights, G·H × H.</param>
    /// <param name="biasIh">Input bias, G·H finite values (copied).</param>
    /// <param name="biasHh">Recurrent bias, G·H finite values (copied).</param>
    /// <exception cref="ArgumentException">A shape does not match or a bias is not finite.</exception>
    public RecurrentLayer(CellKind kind, WeightMatrix weightIh, WeightMatrix weightHh, ReadOnlySpan<float> biasIh, ReadOnlySpan<float> biasHh)
    {
        ArgumentNullException.ThrowIfNull(weightIh);
        ArgumentNullException.ThrowIfNull(weightHh);
        int gates = kind.GateCount();
        if (weightHh.Rows % gates != 0 || weightHh.Rows == 0)
        {
            throw new ArgumentException($"Expected weight_hh rows to be a positive multiple of {gates} for {kind}; found {weightHh.Rows}.", nameof(weightHh));
        }

        int hidden = weightHh.Rows / gates;
        if (weightHh.Cols != hidden)
        {
            throw new ArgumentException($"Expected weight_hh to be {gates * hidden} × {hidden}; found {weightHh.Rows} × {weightHh.Cols}.", nameof(weightHh));
        }

        if (weightIh.Rows != gates * hidden || weightIh.Cols == 0)
        {
            throw new ArgumentException($"Expected weight_ih to have {gates * hidden} rows and at least one column; found {weightIh.Rows} × {weightIh.Cols}.", nameof(weightIh));
        }

        if (weightIh.IsQuantized != weightHh.IsQuantized)
        {
            throw new ArgumentException("Expected weight_ih and weight_hh to be both float32 or both int8.", nameof(weightHh));
        }

        Vectors.CheckFinite(biasIh, gates * hidden, nameof(biasIh));
        Vectors.CheckFinite(biasHh, gates * hidden, nameof(biasHh));
        Kind = kind;
        HiddenSize = hidden;
        WeightIh = weightIh;
        WeightHh = weightHh;
        _biasIh = biasIh.ToArray();
        _biasHh = biasHh.ToArray();
    }

    private RecurrentLayer(RecurrentLayer forward, RecurrentLayer reverse)
    {
        Kind = forward.Kind;
        HiddenSize = forward.HiddenSize;
        WeightIh = forward.WeightIh;
        WeightHh = forward.WeightHh;
        _biasIh = forward._biasIh;
        _biasHh = forward._biasHh;
        Reverse = reverse;
    }

    /// <summary>The cell kind.</summary>
    public CellKind Kind { get; }

    /// <summary>The reverse direction of a bidirectional layer (PyTorch's <c>*_reverse</c> parameters), or null.</summary>
    public RecurrentLayer? Reverse { get; }

    /// <summary>Whether the layer runs in both directions (then it can run a whole window only, not one step at a time).</summary>
    public bool IsBidirectional => Reverse is not null;

    /// <summary>The width of the layer's output per step: H, or 2H for a bidirectional layer.</summary>
    public int OutputSize => IsBidirectional ? 2 * HiddenSize : HiddenSize;

    /// <summary>The input width of this layer.</summary>
    public int InputSize => WeightIh.Cols;

    /// <summary>The hidden width H.</summary>
    public int HiddenSize { get; }

    /// <summary>Input weights, G·H × <see cref="InputSize"/>.</summary>
    public WeightMatrix WeightIh { get; }

    /// <summary>Recurrent weights, G·H × H.</summary>
    public WeightMatrix WeightHh { get; }

    /// <summary>Input bias, G·H.</summary>
    public ReadOnlySpan<float> BiasIh => _biasIh;

    /// <summary>Recurrent bias, G·H.</summary>
    public ReadOnlySpan<float> BiasHh => _biasHh;

    /// <summary>Whether the weights are int8.</summary>
    public bool IsQuantized => WeightIh.IsQuantized;

    /// <summary>A bidirectional layer of two directions of the same cell kind, input size and hidden size.</summary>
    /// <param name="forward">The forward direction (unidirectional).</param>
    /// <param name="reverse">The reverse direction (unidirectional), PyTorch's <c>*_reverse</c> parameters.</param>
    /// <returns>The layer, outputting [h_forward, h_reverse] per step.</returns>
    /// <exception cref="ArgumentException">The directions differ in kind, sizes or storage, or one is bidirectional already.</exception>
    public static RecurrentLayer Bidirectional(RecurrentLayer forward, RecurrentLayer reverse)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(reverse);
        if (forward.IsBidirectional || reverse.IsBidirectional)
        {
            throw new ArgumentException("Expected two unidirectional layers as the two directions; found a bidirectional one.", nameof(reverse));
        }

        if (forward.Kind != reverse.Kind || forward.InputSize != reverse.InputSize || forward.HiddenSize != reverse.HiddenSize || forward.IsQuantized != reverse.IsQuantized)
        {
            throw new ArgumentException($"Expected the reverse direction to match the forward one ({forward.Kind}, input {forward.InputSize}, hidden {forward.HiddenSize}, {(forward.IsQuantized ? "int8" : "float32")}); found {reverse.Kind}, input {reverse.InputSize}, hidden {reverse.HiddenSize}, {(reverse.IsQuantized ? "int8" : "float32")}.", nameof(reverse));
        }

        return new RecurrentLayer(forward, reverse);
    }

    /// <summary>The forward direction alone (this layer when it is unidirectional).</summary>
    /// <returns>A unidirectional layer sharing this layer's forward weights.</returns>
    public RecurrentLayer Forward() =>
        Reverse is null ? this : new RecurrentLayer(Kind, WeightIh, WeightHh, _biasIh, _biasHh);
}
