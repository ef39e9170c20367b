using EdgeRnn.Runtime;

namespace EdgeRnn.Training.Calibration;

/// <summary>
/// Fits the per-target error scale σ_k of the anomaly score: the standard deviation of x_k(t+1) − ŷ_k(t) over the
/// validation streams, in the model's output units (raw units: the model de-normalises its outputs). For an encoder–decoder
/// the error is the one the runtime's <see cref="AnomalyDetector"/> scores: for a reconstruct model every row of every
/// window ending at t (the newest min(t + 1, T) rows) against its reconstruction, x_k(t − r) − ŷ_k(r + 1); for a horizon
/// forecaster x_k(t+1) − ŷ_k(t), its output row 1.
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

        var sum = new double[outputs];
        var sumSquares = new double[outputs];
        long count = model.Definition.Decoder is { } decoder
            ? model.Definition.Metadata.Task == Runtime.Model.ModelTask.Reconstruct
                ? AddWindowErrors(model, decoder.Horizon, streams, targets, sum, sumSquares)
                : AddDecoderErrors(model, streams, targets, sum, sumSquares)
            : AddStepErrors(model, streams, targets, sum, sumSquares);
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

    /// <summary>Adds a one-step forecaster's errors x_k(t+1) − ŷ_k(t), a fresh state per stream.</summary>
    /// <returns>The errors added per output.</returns>
    private static long AddStepErrors(RnnModel model, IReadOnlyList<float[]> streams, IReadOnlyList<int> targets, double[] sum, double[] sumSquares)
    {
        int outputs = model.OutputSize;
        int width = model.InputSize;
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

        return count;
    }

    /// <summary>Adds every row's reconstruction error of every window a reconstruct model's detector runs over.</summary>
    /// <returns>The errors added per output.</returns>
    private static long AddWindowErrors(RnnModel model, int steps, IReadOnlyList<float[]> streams, IReadOnlyList<int> targets, double[] sum, double[] sumSquares)
    {
        int outputs = model.OutputSize;
        int width = model.InputSize;
        var runner = model.CreateSequenceDecoder(steps);
        var reconstruction = new float[steps * outputs];
        long count = 0;
        foreach (float[] stream in streams)
        {
            int rows = stream.Length / width;
            for (int t = 0; t < rows; t++)
            {
                int n = Math.Min(t + 1, steps);
                runner.Run(stream.AsSpan((t + 1 - n) * width, n * width), reconstruction);
                for (int r = 0; r < n; r++)
                {
                    var sample = stream.AsSpan((t - r) * width, width);
                    for (int k = 0; k < outputs; k++)
                    {
                        double error = sample[targets[k]] - (double)reconstruction[(r * outputs) + k];
                        sum[k] += error;
                        sumSquares[k] += error * error;
                    }

                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Adds a horizon forecaster's output-1 errors, run through the runtime's detector (which keeps its window).</summary>
    /// <returns>The errors added per output.</returns>
    private static long AddDecoderErrors(RnnModel model, IReadOnlyList<float[]> streams, IReadOnlyList<int> targets, double[] sum, double[] sumSquares)
    {
        int outputs = model.OutputSize;
        int width = model.InputSize;
        var unit = new Runtime.Model.ScoringParameters { ErrorStd = Enumerable.Repeat(1f, outputs).ToArray(), LongWindow = 2, ShortWindow = 1 };
        var detector = new AnomalyDetector(model, unit);
        var prediction = new float[outputs];
        long count = 0;
        foreach (float[] stream in streams)
        {
            detector.Reset();
            int steps = stream.Length / width;
            for (int t = 0; t < steps; t++)
            {
                var sample = stream.AsSpan(t * width, width);
                if (t > 0)
                {
                    Add(sample, prediction);
                }

                detector.Process(sample);
                detector.Prediction.CopyTo(prediction);
            }
        }

        return count;

        void Add(ReadOnlySpan<float> sample, float[] predicted)
        {
            for (int k = 0; k < outputs; k++)
            {
                double error = sample[targets[k]] - (double)predicted[k];
                sum[k] += error;
                sumSquares[k] += error * error;
            }

            count++;
        }
    }
}
