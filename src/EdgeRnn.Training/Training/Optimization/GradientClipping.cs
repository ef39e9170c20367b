using System.Numerics.Tensors;

namespace EdgeRnn.Training.Training.Optimization;

/// <summary>Global L2-norm clipping, as <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
internal static class GradientClipping
{
    /// <summary>
    /// Computes the gradient's global L2 norm ‖g‖ (accumulated in float64) and, when it exceeds <paramref name="maxNorm"/>,
    /// scales g by maxNorm / (‖g‖ + 1e-6). Returns ‖g‖ before clipping.
    /// </summary>
    public static double ClipGlobalNorm(Span<float> gradient, double maxNorm)
    {
        if (!(maxNorm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "Expected a positive maximum norm.");
        }

        double sum = 0;
        foreach (float g in gradient)
        {
            sum += (double)g * g;
        }

        double norm = Math.Sqrt(sum);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1)
        {
            TensorPrimitives.Multiply(gradient, (float)coefficient, gradient);
        }

        return norm;
    }
}
