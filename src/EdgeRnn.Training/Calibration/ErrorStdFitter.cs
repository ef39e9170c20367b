using EdgeRnn.Runtime;

namespace EdgeRnn.Training.Calibration;

/// <summary>
/// Fits the per-target error scale σ_k of the anomaly score: the standard deviation of x_k(t+1) − ŷ_k(t) over the
/// validation streams, in the model's output units (raw units: the model de-normalises its outputs).
/// </summary>
internal static class ErrorStdFitter
{
    /// <summary>A σ below this share of the channel's own std is raised to it, so a perfect fit never divides by 0.</summary>
    public const double RelativeFloor = 1e-6;

    /// <summary>Runs the model over each stream (fresh state per stream) and returns σ_k per output.</summary>
    /// <param name="model">A forecasting model whose metadata names the target channel of each output.</param>
    /// <param name="streams">Raw validation streams, steps × inputs.</param>
    /// <returns>One positive σ per output.</returns>
    /// <exception cref="ArgumentException">The model names no target channels, or the streams hold no step pair.</exception>
    public static float[] Fit(RnnModel model, IReadOnlyList<float[]> streams)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(streams);
        var targets = model.Definition.Metadata.TargetChannels;
        int outputs = model.OutputSize;
        if (targets.Count != outputs)
        {
            throw new ArgumentException($"Expected one target channel per output ({outputs}); the model names {targets.Count}.", nameof(model));
        }

        int width = model.InputSize;
        var sum = new double[outputs];
        var sumSquares = new double[outputs];
        long count = 0;
        var state = model.CreateState();
        var prediction = new float[outputs];
        foreach (float[] stream in streams)
        {
            state.Reset();
            int steps = stream.Length / width;
            for (int t = 0; t + 1 < steps; t++)
            {
                state.Step(stream.AsSpan(t * width, width), prediction);
                var next = stream.AsSpan((t + 1) * width, width);
                for (int k = 0; k < outputs; k++)
                {
                    double error = next[targets[k]] - (double)prediction[k];
                    sum[k] += error;
                    sumSquares[k] += error * error;
                }

                count++;
            }
        }

        if (count == 0)
        {
            throw new ArgumentException("Expected validation streams with at least 2 steps to fit the error scale; found none.", nameof(streams));
        }

        var std = new float[outputs];
        var scale = model.Definition.OutputNormalization.Std;
        for (int k = 0; k < outputs; k++)
        {
            double mean = sum[k] / count;
            double variance = Math.Max((sumSquares[k] / count) - (mean * mean), 0);
            double floor = RelativeFloor * Math.Max(scale[k], 1e-30);
            std[k] = (float)Math.Max(Math.Sqrt(variance), floor);
        }

        return std;
    }
}
