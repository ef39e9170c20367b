namespace EdgeRnn.Training.Training.Optimization;

/// <summary>
/// SGD with momentum as PyTorch defines it (dampening 0): g = ∇ + λ·θ; b = g on the first step, then b = μ·b + g;
/// θ −= lr · b (Nesterov: θ −= lr · (g + μ·b)).
/// </summary>
internal sealed class SgdOptimizer : Optimizer
{
    private readonly float[] _momentumBuffer;

    public SgdOptimizer(int parameterCount, double momentum = 0.9, double weightDecay = 0, bool nesterov = false)
        : base(parameterCount, weightDecay)
    {
        if (momentum is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Expected a momentum in [0, 1).");
        }

        Momentum = momentum;
        Nesterov = nesterov;
        _momentumBuffer = new float[parameterCount];
    }

    public double Momentum { get; }

    public bool Nesterov { get; }

    public override IReadOnlyList<float[]> State => [_momentumBuffer];

    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradient, double learningRate)
    {
        float mu = (float)Momentum;
        float lr = (float)learningRate;
        float decay = (float)WeightDecay;
        bool first = Steps == 1;
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i] + (decay * parameters[i]);
            float direction = g;
            if (mu != 0)
            {
                float b = first ? g : (mu * _momentumBuffer[i]) + g;
                _momentumBuffer[i] = b;
                direction = Nesterov ? g + (mu * b) : b;
            }

            parameters[i] -= lr * direction;
        }
    }
}
