namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// NAB's own threshold optimiser (nab/optimizer.py, "twiddle"): a local hill climb on θ starting at 0.5 with a step of
/// 0.1 that doubles after a gain and halves after two failed probes, until the step falls below 1e−7; θ outside [0, 1]
/// scores −∞. It returns the best θ it probed. NAB's published thresholds (config/thresholds.json) were found this
/// way; on a step-shaped objective it can miss the best θ that <see cref="NabThresholdSweep"/> finds.
/// </summary>
internal static class NabTwiddleOptimizer
{
    public static (double Threshold, double Score) Optimize(Func<double, double> objective, double initialGuess = 0.5, double tolerance = 1e-7)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var probed = new Dictionary<double, double>();
        double Probe(double threshold)
        {
            if (!probed.TryGetValue(threshold, out var value))
            {
                value = threshold is >= 0.0 and <= 1.0 ? objective(threshold) : double.NegativeInfinity;
                probed[threshold] = value;
            }

            return value;
        }

        double x = initialGuess;
        double delta = 0.1;
        double best = Probe(x);
        while (delta > tolerance)
        {
            x += delta;
            if (Probe(x) > best)
            {
                best = probed[x];
                delta *= 2;
                continue;
            }

            x -= 2 * delta;
            if (Probe(x) > best)
            {
                best = probed[x];
                delta *= 2;
            }
            else
            {
                x += delta;
                delta *= 0.5;
            }
        }

        var winner = probed.MaxBy(p => p.Value);
        return (winner.Key, winner.Value);
    }
}
