namespace EdgeRnn.Training.Evaluation.Nab.Reference;

/// <summary>
/// NAB's "windowedGaussian" baseline detector, rebuilt from its description so that the scorer can also be checked
/// against NAB's published windowedGaussian results: the score of a row is 1 − Q(|z|), the Gaussian tail probability of
/// the row's value under the mean and standard deviation (population) of a window of past values. The window grows to
/// 6400 values; after that it slides forward by 100 values at a time, and the mean and deviation are only updated
/// when it moves. A deviation of 0 is replaced by 1e−6; the first row scores 0.
/// </summary>
internal static class WindowedGaussianDetector
{
    public const int WindowSize = 6400;

    public const int StepSize = 100;

    public static double[] Score(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var scores = new double[values.Count];
        var window = new List<double>(WindowSize);
        var step = new List<double>(StepSize);
        double mean = 0;
        double std = 1;
        for (int i = 0; i < values.Count; i++)
        {
            double value = values[i];
            if (window.Count > 0)
            {
                scores[i] = 1.0 - TailProbability(value, mean, std);
            }

            bool moved = false;
            if (window.Count < WindowSize)
            {
                window.Add(value);
                moved = true;
            }
            else
            {
                step.Add(value);
                if (step.Count == StepSize)
                {
                    window.RemoveRange(0, StepSize);
                    window.AddRange(step);
                    step.Clear();
                    moved = true;
                }
            }

            if (moved)
            {
                (mean, std) = MeanAndDeviation(window);
            }
        }

        return scores;
    }

    /// <summary>Q(|x − mean| / std): the probability of a sample farther from the mean than x, on x's side.</summary>
    public static double TailProbability(double x, double mean, double std)
    {
        if (x < mean)
        {
            x = (2 * mean) - x;
        }

        double z = (x - mean) / std;
        return 0.5 * ComplementaryError(z / Math.Sqrt(2));
    }

    /// <summary>erfc(x) for x ≥ 0: a power series of erf below 2, a continued fraction (modified Lentz) above.</summary>
    public static double ComplementaryError(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 2.0)
        {
            // erf(x) = 2/√π · Σ (−1)^n x^(2n+1) / (n! (2n + 1))
            double sum = 0;
            double term = x;
            for (int n = 0; n < 200; n++)
            {
                double contribution = term / ((2 * n) + 1);
                sum += contribution;
                if (Math.Abs(contribution) < 1e-17 * Math.Abs(sum))
                {
                    break;
                }

                term *= -x * x / (n + 1);
            }

            return 1.0 - (2.0 / Math.Sqrt(Math.PI) * sum);
        }

        if (x > 27.3)
        {
            return 0.0;
        }

        // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
        const double Tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++)
        {
            double a = k / 2.0;
            d = x + (a * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = x + (a / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1.0) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }

    private static (double Mean, double Std) MeanAndDeviation(List<double> window)
    {
        double sum = 0;
        foreach (var v in window)
        {
            sum += v;
        }

        double mean = sum / window.Count;
        double squares = 0;
        foreach (var v in window)
        {
            squares += (v - mean) * (v - mean);
        }

        double std = Math.Sqrt(squares / window.Count);
        return (mean, std == 0.0 ? 0.000001 : std);
    }
}
