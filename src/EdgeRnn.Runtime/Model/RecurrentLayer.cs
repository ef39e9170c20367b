namespace EdgeRnn.Runtime.Model;

/// <summary>
/// One recurrent layer in PyTorch's layout: <c>weight_ih</c> [G·H, in], <c>weight_hh</c> [G·H, H], <c>bias_ih</c> and
/// <c>bias_hh</c> [G·H], with G = <see cref="CellKinds.GateCount"/> gate blocks stacked along the rows.
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

    /// <summary>The cell kind.</summary>
    public CellKind Kind { get; }

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
}
