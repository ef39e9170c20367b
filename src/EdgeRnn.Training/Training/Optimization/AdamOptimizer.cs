namespace EdgeRnn.Training.Training.Optimization;

/// <summary>
/// Adam and AdamW as PyTorch defines them. With g = ∇ (+ λ·θ for Adam's L2 weight decay):
/// m = β₁m + (1 − β₁)g, v = β₂v + (1 − β₂)g², θ −= lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε);
/// AdamW instead first decays θ −= lr·λ·θ and leaves g alone.
/// </summary>
internal sealed class AdamOptimizer : Optimizer
{
    private readonly float[] _m;
    private readonly float[] _v;

    public AdamOptimizer(int parameterCount, double weightDecay = 0, bool decoupled = false, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameterCount, weightDecay)
    {
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1 || !(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Expected β₁, β₂ in [0, 1) and ε > 0; found {beta1}, {beta2}, {epsilon}.");
        }

        Decoupled = decoupled;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _m = new float[parameterCount];
        _v = new float[parameterCount];
    }

    /// <summary>True for AdamW (decoupled weight decay).</summary>
    public bool Decoupled { get; }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    public override IReadOnlyList<float[]> State => [_m, _v];

    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradient, double learningRate)
    {
        float beta1 = (float)Beta1, beta2 = (float)Beta2;
        double correction1 = 1 - Math.Pow(Beta1, Steps);
        double correction2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, Steps));
        float stepSize = (float)(learningRate / correction1);
        float inverseCorrection2Sqrt = (float)(1 / correction2Sqrt);
        float epsilon = (float)Epsilon;
        float decay = (float)WeightDecay;
        float decoupledScale = (float)(1 - (learningRate * WeightDecay));
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i];
            if (Decoupled)
            {
                parameters[i] *= decoupledScale;
            }
            else
            {
                g += decay * parameters[i];
            }

            _m[i] = (beta1 * _m[i]) + ((1 - beta1) * g);
            _v[i] = (beta2 * _v[i]) + ((1 - beta2) * g * g);
            float denominator = (MathF.Sqrt(_v[i]) * inverseCorrection2Sqrt) + epsilon;
            parameters[i] -= stepSize * _m[i] / denominator;
        }
    }
}
