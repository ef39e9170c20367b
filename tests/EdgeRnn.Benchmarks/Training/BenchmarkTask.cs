using EdgeRnn.Training.Training;

namespace EdgeRnn.Benchmarks.Training;

/// <summary>
/// The training benchmark of issue 3, generated: 8 channels, x_c(t) = sin(2πt / P_c + φ_c) + 0.1·N(0, 1) with
/// P = 50, 120, 333, 17, 75, 500, 29, 211 and φ_c uniform in [0, 2π), then channel 1 += 0.5 × channel 0, each channel
/// normalised to mean 0 and std 1; windows of 64 steps with stride 16 whose targets are the next step of all 8 channels;
/// the first 80% of the windows train, the rest validate.
/// </summary>
internal static class BenchmarkTask
{
    public const int Channels = 8;

    private static readonly int[] Periods = [50, 120, 333, 17, 75, 500, 29, 211];

    /// <summary>The normalised series, [steps, channels].</summary>
    public static float[] Series(int steps, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var phases = new double[Channels];
        for (int c = 0; c < Channels; c++)
        {
            phases[c] = 2 * Math.PI * random.NextDouble();
        }

        var x = new double[steps * Channels];
        for (int t = 0; t < steps; t++)
        {
            for (int c = 0; c < Channels; c++)
            {
                x[(t * Channels) + c] = Math.Sin((2 * Math.PI * t / Periods[c]) + phases[c]) + (0.1 * random.NextGaussian());
            }

            x[(t * Channels) + 1] += 0.5 * x[t * Channels];
        }

        var series = new float[x.Length];
        for (int c = 0; c < Channels; c++)
        {
            double mean = 0, square = 0;
            for (int t = 0; t < steps; t++)
            {
                mean += x[(t * Channels) + c];
            }

            mean /= steps;
            for (int t = 0; t < steps; t++)
            {
                double d = x[(t * Channels) + c] - mean;
                square += d * d;
            }

            double std = Math.Sqrt(square / steps);
            for (int t = 0; t < steps; t++)
            {
                series[(t * Channels) + c] = (float)((x[(t * Channels) + c] - mean) / std);
            }
        }

        return series;
    }

    /// <summary>Next-step forecasting windows over <paramref name="series"/>, split by time into training and validation.</summary>
    public static (WindowSet Train, WindowSet Validation) Windows(float[] series, int window = 64, int stride = 16, double trainFraction = 0.8)
    {
        ArgumentNullException.ThrowIfNull(series);
        int steps = series.Length / Channels;
        int count = ((steps - window - 1) / stride) + 1;
        int trainCount = (int)(count * trainFraction);
        return (Build(series, 0, trainCount, window, stride), Build(series, trainCount, count - trainCount, window, stride));
    }

    private static WindowSet Build(float[] series, int first, int count, int window, int stride)
    {
        int length = window * Channels;
        var inputs = new float[count * length];
        var targets = new float[count * length];
        for (int w = 0; w < count; w++)
        {
            int start = (first + w) * stride * Channels;
            series.AsSpan(start, length).CopyTo(inputs.AsSpan(w * length));
            series.AsSpan(start + Channels, length).CopyTo(targets.AsSpan(w * length));
        }

        return new WindowSet(count, window, Channels, inputs, Channels, targets);
    }
}
