namespace EdgeRnn.Training.Training.Optimization;

/// <summary>Updates a flat parameter vector from its gradient; keeps its own per-parameter state.</summary>
internal abstract class Optimizer
{
    protected Optimizer(int parameterCount, double weightDecay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        if (!(weightDecay >= 0) || double.IsInfinity(weightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Expected a finite weight decay ≥ 0.");
        }

        ParameterCount = parameterCount;
        WeightDecay = weightDecay;
    }

    public int ParameterCount { get; }

    public double WeightDecay { get; }

    /// <summary>The number of steps taken.</summary>
    public long Steps { get; protected set; }

    /// <summary>Applies one update with learning rate <paramref name="learningRate"/>.</summary>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient, double learningRate)
    {
        if (parameters.Length != ParameterCount || gradient.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {ParameterCount} parameters and gradients; found {parameters.Length} and {gradient.Length}.");
        }

        Steps++;
        Update(parameters, gradient, learningRate);
    }

    /// <summary>The per-parameter state vectors, for a checkpoint (written and read in this order).</summary>
    public abstract IReadOnlyList<float[]> State { get; }

    /// <summary>Restores the step count (the vectors of <see cref="State"/> are filled in place by the caller).</summary>
    public void RestoreSteps(long steps) => Steps = steps;

    protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradient, double learningRate);
}
