namespace EdgeRnn.Runtime;

/// <summary>The standard normal distribution function Φ(z), through erfc (Numerical Recipes' Chebyshev fit, |relative error| &lt; 1.2e-7).</summary>
internal static class GaussianTail
{
    private static readonly double[] Coefficients =
        [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];

    /// <summary>Φ(z) = P(Z ≤ z) for Z ~ N(0, 1).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + (0.5 * z));
        double poly = 0;
        for (int i = Coefficients.Length - 1; i >= 0; i--)
        {
            poly = (poly * t) + Coefficients[i];
        }

        double r = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? r : 2 - r;
    }
}
