using System.Diagnostics;
using EdgeRnn.Runtime;

namespace EdgeRnn.Device.Commands;

/// <summary>The latency and allocation of one benchmark row.</summary>
/// <param name="MedianMicroseconds">Median time of one call, in µs.</param>
/// <param name="P99Microseconds">99th percentile time of one call, in µs.</param>
/// <param name="MeanMicroseconds">Mean time of one call over the whole measured loop, in µs.</param>
/// <param name="BytesPerCall">Bytes allocated by the measuring thread per call (0 when the step or sample is allocation-free).</param>
/// <param name="WarmUp">What the warm-up before the measurement took.</param>
internal readonly record struct BenchResult(double MedianMicroseconds, double P99Microseconds, double MeanMicroseconds, double BytesPerCall, WarmUpReport WarmUp);

/// <summary>
/// Times step (or detector) calls one by one with <see cref="Stopwatch.GetTimestamp"/> (so each timing includes the timer's own cost,
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

    /// <summary>
    /// Times <see cref="AnomalyDetector.Process(ReadOnlySpan{float}, DateTime)"/> on one stream: the whole detector a model
    /// file carries (every forecaster's step, the error against their mean forecast, the likelihood, change points), one
    /// sample at a time, with timestamps one sample period apart (1 s when the model does not say).
    /// </summary>
    /// <param name="model">A model that carries a detector.</param>
    /// <param name="samples">Measured samples, ≥ 1.</param>
    /// <param name="warmup">The unmeasured samples processed first (a least count, then until the code settles).</param>
    /// <returns>The timings per sample.</returns>
    public static BenchResult Detector(RnnModel model, int samples, WarmUp warmup)
    {
        var detector = new AnomalyDetector(model);
        int width = detector.SampleSize;
        float[] inputs = CreateInputs(model, DistinctInputs, width);
        long[] ticks = new long[samples];
        double period = model.Definition.Metadata.SamplePeriodSeconds;
        long periodTicks = TimeSpan.FromSeconds(period > 0 ? period : 1).Ticks;
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        long row = 0;
        var warm = warmup.Run(i => detector.Process(inputs.AsSpan(i % DistinctInputs * width, width), start.AddTicks(row++ * periodTicks)));

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long loopStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < samples; i++)
        {
            var sample = inputs.AsSpan(i % DistinctInputs * width, width);
            var timestamp = start.AddTicks(row++ * periodTicks);
            long begin = Stopwatch.GetTimestamp();
            detector.Process(sample, timestamp);
            ticks[i] = Stopwatch.GetTimestamp() - begin;
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

    /// <summary>Seeded random vectors of the model's first <paramref name="width"/> inputs (all by default), each value within ±1 std of its normalisation.</summary>
    private static float[] CreateInputs(RnnModel model, int vectors, int width = 0)
    {
        var normalization = model.Definition.InputNormalization;
        var random = new Random(20261122);
        width = width > 0 ? width : model.InputSize;
        float[] inputs = new float[vectors * width];
        for (int i = 0; i < inputs.Length; i++)
        {
            int channel = i % width;
            inputs[i] = normalization.Mean[channel] + (normalization.Std[channel] * ((2 * random.NextSingle()) - 1));
        }

        return inputs;
    }
}
