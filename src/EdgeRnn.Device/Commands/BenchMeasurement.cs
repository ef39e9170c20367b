using System.Diagnostics;
using EdgeRnn.Runtime;

namespace EdgeRnn.Device.Commands;

/// <summary>The latency and allocation of one benchmark row.</summary>
/// <param name="MedianMicroseconds">Median time of one call, in µs.</param>
/// <param name="P99Microseconds">99th percentile time of one call, in µs.</param>
/// <param name="MeanMicroseconds">Mean time of one call over the whole measured loop, in µs.</param>
/// <param name="BytesPerCall">Bytes allocated by the measuring thread per call (0 when the step is allocation-free).</param>
/// <param name="WarmUp">What the warm-up before the measurement took.</param>
internal readonly record struct BenchResult(double MedianMicroseconds, double P99Microseconds, double MeanMicroseconds, double BytesPerCall, WarmUpReport WarmUp);

/// <summary>
/// Times step calls one by one with <see cref="Stopwatch.GetTimestamp"/> (so each timing includes the timer's own cost,
/// see <see cref="TimerOverhead"/>) and counts the bytes the thread allocated over the measured loop. Inputs cycle through a
/// fixed set of seeded random vectors within ±1 standard deviation of the model's input normalisation.
/// </summary>
internal static class BenchMeasurement
{
    private const int DistinctInputs = 256;

    /// <summary>Times <see cref="RnnState.Step"/> on one stream.</summary>
    /// <param name="model">The model.</param>
    /// <param name="steps">Measured steps, ≥ 1.</param>
    /// <param name="warmup">The unmeasured steps run first (a least count, then until the code settles).</param>
    /// <returns>The timings per step.</returns>
    public static BenchResult SingleStream(RnnModel model, int steps, WarmUp warmup)
    {
        var state = model.CreateState();
        int width = model.InputSize;
        float[] inputs = CreateInputs(model, DistinctInputs);
        float[] output = new float[model.OutputSize];
        long[] ticks = new long[steps];
        var warm = warmup.Run(i => state.Step(inputs.AsSpan(i % DistinctInputs * width, width), output));

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long loopStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++)
        {
            var input = inputs.AsSpan(i % DistinctInputs * width, width);
            long start = Stopwatch.GetTimestamp();
            state.Step(input, output);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        long loopTicks = Stopwatch.GetTimestamp() - loopStart;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return Summarize(ticks, loopTicks, allocated, warm);
    }

    /// <summary>Times <see cref="RnnBatch"/> steps of <paramref name="streams"/> streams together.</summary>
    /// <param name="model">The model.</param>
    /// <param name="streams">Streams per batch, ≥ 1.</param>
    /// <param name="steps">Measured batch steps, ≥ 1.</param>
    /// <param name="warmup">The unmeasured batch steps run first (a least count, then until the code settles).</param>
    /// <returns>The timings per batch step (all streams).</returns>
    public static BenchResult Batch(RnnModel model, int streams, int steps, WarmUp warmup)
    {
        var batch = model.CreateBatch(streams);
        int width = model.InputSize * streams;
        float[] inputs = CreateInputs(model, DistinctInputs * streams);
        float[] outputs = new float[model.OutputSize * streams];
        long[] ticks = new long[steps];
        var warm = warmup.Run(i => batch.Step(inputs.AsSpan(i % DistinctInputs * width, width), outputs));

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long loopStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++)
        {
            var input = inputs.AsSpan(i % DistinctInputs * width, width);
            long start = Stopwatch.GetTimestamp();
            batch.Step(input, outputs);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        long loopTicks = Stopwatch.GetTimestamp() - loopStart;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return Summarize(ticks, loopTicks, allocated, warm);
    }

    /// <summary>The median time of an empty measurement, in µs: the part of each timing that is the timer itself.</summary>
    /// <param name="samples">Timings to take, ≥ 1.</param>
    /// <returns>The overhead in µs.</returns>
    public static double TimerOverhead(int samples)
    {
        long[] ticks = new long[samples];
        for (int i = 0; i < samples; i++)
        {
            long start = Stopwatch.GetTimestamp();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        Array.Sort(ticks);
        return ToMicroseconds(ticks[samples / 2]);
    }

    private static BenchResult Summarize(long[] ticks, long loopTicks, long allocated, WarmUpReport warm)
    {
        Array.Sort(ticks);
        int p99 = Math.Min(ticks.Length - 1, (int)Math.Ceiling(ticks.Length * 0.99) - 1);
        return new BenchResult(
            ToMicroseconds(ticks[ticks.Length / 2]),
            ToMicroseconds(ticks[p99]),
            ToMicroseconds(loopTicks) / ticks.Length,
            (double)allocated / ticks.Length,
            warm);
    }

    private static double ToMicroseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    private static float[] CreateInputs(RnnModel model, int vectors)
    {
        var normalization = model.Definition.InputNormalization;
        var random = new Random(20261122);
        float[] inputs = new float[vectors * model.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            int channel = i % model.InputSize;
            inputs[i] = normalization.Mean[channel] + (normalization.Std[channel] * ((2 * random.NextSingle()) - 1));
        }

        return inputs;
    }
}
