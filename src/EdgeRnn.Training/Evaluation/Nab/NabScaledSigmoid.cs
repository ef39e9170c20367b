namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// NAB's scaled sigmoid σ(x) = 2 / (1 + e^(5x)) − 1 of a relative position x, with σ(x) = −1 beyond three window widths
/// (x &gt; 3, as in NAB v1.1's sweeper and scorer). σ(−1) ≈ 0.9866 at a window's left edge, σ(0) = 0 at its right edge.
/// </summary>
internal static class NabScaledSigmoid
{
    /// <summary>σ(−1), the value at a window's left edge, by which NAB divides true-positive values.</summary>
    public static readonly double LeftEdge = Evaluate(-1.0);

    public static double Evaluate(double relativePosition)
    {
        if (relativePosition > 3.0)
        {
            return -1.0;
        }

        // Written as 2·sigmoid(−5x) − 1 with sigmoid(y) = 1 / (1 + e^(−y)), the form NAB evaluates, so that the last
        // printed digits of NAB's published scores are reproduced.
        return (2.0 * (1.0 / (1.0 + Math.Exp(5.0 * relativePosition)))) - 1.0;
    }
}
