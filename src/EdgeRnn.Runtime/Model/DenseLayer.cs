namespace EdgeRnn.Runtime.Model;

/// <summary>The dense head, y = W h + b, applied to the last recurrent layer's h at every step.</summary>
public sealed class DenseLayer
{
    private readonly float[] _bias;

    /// <summary>Creates the head.</summary>
    /// <param name="weight">Weights, outputs × last hidden size.</param>
    /// <param name="bias">Outputs finite values (copied).</param>
    /// <exception cref="ArgumentException">The shapes do not match or a bias is not finite.</exception>
    public DenseLayer(WeightMatrix weight, ReadOnlySpan<float> bias)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rows == 0 || weight.Cols == 0)
        {
            throw new ArgumentException($"Expected a non-empty head weight; found {weight.Rows} × {weight.Cols}.", nameof(weight));
        }

        Vectors.CheckFinite(bias, weight.Rows, nameof(bias));
        Weight = weight;
        _bias = bias.ToArray();
    }

    /// <summary>Weights, <see cref="OutputSize"/> × <see cref="InputSize"/>.</summary>
    public WeightMatrix Weight { get; }

    /// <summary>Bias, <see cref="OutputSize"/>.</summary>
    public ReadOnlySpan<float> Bias => _bias;

    /// <summary>The number of outputs.</summary>
    public int OutputSize => Weight.Rows;

    /// <summary>The input width (the last layer's hidden size).</summary>
    public int InputSize => Weight.Cols;
}
