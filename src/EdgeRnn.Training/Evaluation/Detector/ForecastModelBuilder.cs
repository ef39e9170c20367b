using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Loop;

namespace EdgeRnn.Training.Evaluation.Detector;

/// <summary>
/// Trains the detector's one-step forecasting model on the leading rows of a stream and exports it for the runtime, with
/// the training part's per-channel mean and std as its input and output normalisation (so the runtime takes and returns
/// raw values). Single-threaded and seeded: the same rows give the same model bit for bit.
/// </summary>
internal static class ForecastModelBuilder
{
    /// <summary>Per-channel mean and std of rows [0, rows), the std floored so that a flat channel still normalises.</summary>
    public static ChannelNormalization Normalization(ReadOnlySpan<float> data, int channels, int rows)
    {
        var mean = new float[channels];
        var std = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            int count = 0;
            for (int r = 0; r < rows; r++)
            {
                float v = data[(r * channels) + c];
                if (float.IsFinite(v))
                {
                    sum += v;
                    count++;
                }
            }

            double m = count == 0 ? 0 : sum / count;
            double squares = 0;
            for (int r = 0; r < rows; r++)
            {
                float v = data[(r * channels) + c];
                if (float.IsFinite(v))
                {
                    squares += (v - m) * (v - m);
                }
            }

            double s = count < 2 ? 0 : Math.Sqrt(squares / (count - 1));
            mean[c] = (float)m;
            std[c] = (float)Math.Max(s, 1e-3 * Math.Max(Math.Abs(m), 1));
        }

        return new ChannelNormalization(mean, std);
    }

    /// <summary>Trains on rows [0, rows) and returns the runtime model definition (float32).</summary>
    /// <param name="data">Rows of <paramref name="channels"/> inputs, row-major.</param>
    /// <param name="channels">Inputs per row; the first <paramref name="outputs"/> of them are forecast.</param>
    /// <param name="outputs">The forecast channels (the leading inputs; the rest are covariates such as the time of day).</param>
    /// <param name="rows">Training rows.</param>
    /// <param name="normalization">Per input channel.</param>
    /// <param name="configuration">Model and training settings.</param>
    /// <exception cref="ArgumentException">Fewer than 4 training rows.</exception>
    public static ModelDefinition Train(ReadOnlySpan<float> data, int channels, int outputs, int rows, ChannelNormalization normalization, DetectorConfiguration configuration)
    {
        if (rows < 4)
        {
            throw new ArgumentException($"Expected at least 4 training rows to fit a forecasting model, found {rows}.", nameof(rows));
        }

        int steps = Math.Min(configuration.WindowSteps, rows - 1);
        int stride = Math.Max(1, configuration.WindowStride);
        int count = ((rows - steps - 1) / stride) + 1;
        var z = new float[rows * channels];
        var last = new float[channels];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < channels; c++)
            {
                float v = data[(r * channels) + c];
                float n = float.IsFinite(v) ? (v - normalization.Mean[c]) / normalization.Std[c] : last[c];
                n = Math.Clamp(n, -ChannelNormalization.InputClamp, ChannelNormalization.InputClamp);
                z[(r * channels) + c] = n;
                last[c] = n;
            }
        }

        var inputs = new float[count * steps * channels];
        var targets = new float[count * steps * outputs];
        for (int w = 0; w < count; w++)
        {
            int start = w * stride;
            z.AsSpan(start * channels, steps * channels).CopyTo(inputs.AsSpan(w * steps * channels));
            for (int t = 0; t < steps; t++)
            {
                z.AsSpan((start + 1 + t) * channels, outputs).CopyTo(targets.AsSpan(((w * steps) + t) * outputs));
            }
        }

        var windows = new WindowSet(count, steps, channels, inputs, outputs, targets);
        var trainer = new NetworkTrainer(new NetworkShape(configuration.Cell, channels, configuration.HiddenSize, configuration.Layers, outputs));
        var options = new TrainerOptions
        {
            Epochs = configuration.Epochs,
            BatchSize = configuration.BatchSize,
            LearningRate = configuration.LearningRate,
            Seed = configuration.Seed,
            Threads = 1,
            EarlyStoppingPatience = 0,
        };
        trainer.Fit(windows, null, options);
        var metadata = new ModelMetadata { TargetChannels = [.. Enumerable.Range(0, outputs)] };
        var outputNormalization = new ChannelNormalization(normalization.Mean[..outputs], normalization.Std[..outputs]);
        return trainer.ToModelDefinition(normalization, outputNormalization, metadata);
    }
}
