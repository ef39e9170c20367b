using System.Diagnostics;
using System.Runtime;

namespace EdgeRnn.Device.Commands;

/// <summary>
/// How a benchmark row warms up before it is measured: at least <paramref name="Steps"/> steps, then until the step code has
/// settled, for at most <paramref name="Limit"/>. The JIT first compiles the step code quickly (tier 0) and replaces it with
/// optimised code only after it has been called for a while, on a background thread (tiered compilation); on a single-core
/// board that thread waits for the measuring one, and a fixed warm-up then measures the unoptimised code, 10–15× slower.
/// Settled: the last chunk's median step time is within <see cref="Tolerance"/> of the chunk before, and no method was
/// compiled during the last <see cref="QuietWindow"/> after some were (the tier-1 code arrived), or during four quiet
/// windows (code already optimised by an earlier row, or NativeAOT, which compiles nothing at run time).
/// </summary>
/// <param name="Steps">The least number of warm-up steps, 0 or more.</param>
/// <param name="Limit">The most time spent waiting for the code to settle once <paramref name="Steps"/> have run; zero for
/// no waiting.</param>
internal readonly record struct WarmUp(int Steps, TimeSpan Limit)
{
    /// <summary>One chunk of steps whose median is compared with the next.</summary>
    public static readonly TimeSpan Chunk = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long no method may have been compiled: longer than the delay after the last tier-0 compilation before the
    /// runtime starts counting calls for tier 1, 100 ms, and ten times that on a single processor (the runtime's
    /// TC_CallCountingDelayMs and TC_DelaySingleProcMultiplier).
    /// </summary>
    public static TimeSpan QuietWindow => Environment.ProcessorCount == 1 ? TimeSpan.FromMilliseconds(1500) : TimeSpan.FromMilliseconds(300);

    /// <summary>How far two chunks' median step times may differ, relative, for the code to count as settled.</summary>
    public const double Tolerance = 0.03;

    private const int StepsPerTiming = 8;
    private const int Timings = 4096;

    /// <summary>Runs <paramref name="step"/> (given the step index) until warm.</summary>
    /// <param name="step">One step; called with 0, 1, 2, ...</param>
    /// <returns>How long it took and whether the code settled within the limit.</returns>
    public WarmUpReport Run(Action<int> step)
    {
        long start = Stopwatch.GetTimestamp();
        int i = 0;
        for (; i < Steps; i++)
        {
            step(i);
        }

        if (Limit <= TimeSpan.Zero)
        {
            return new WarmUpReport(Stopwatch.GetElapsedTime(start), i, Settled: false);
        }

        // The last Timings timings of groups of StepsPerTiming steps of each chunk, in a ring: the chunk's median reflects
        // its end, whatever the step's speed.
        long[] ticks = new long[Timings];
        double previous = double.NaN;
        long compiledAtStart = JitInfo.GetCompiledMethodCount();
        long compiled = compiledAtStart;
        long quietSince = Stopwatch.GetTimestamp();
        var quietWindow = QuietWindow;
        while (true)
        {
            long chunkStart = Stopwatch.GetTimestamp();
            int n = 0;
            while (Stopwatch.GetElapsedTime(chunkStart) < Chunk)
            {
                long t = Stopwatch.GetTimestamp();
                for (int k = 0; k < StepsPerTiming; k++)
                {
                    step(i++);
                }

                ticks[n++ % Timings] = Stopwatch.GetTimestamp() - t;
            }

            double median = Median(ticks.AsSpan(0, Math.Min(n, Timings)));
            long nowCompiled = JitInfo.GetCompiledMethodCount();
            if (nowCompiled != compiled)
            {
                compiled = nowCompiled;
                quietSince = Stopwatch.GetTimestamp();
            }

            var quiet = Stopwatch.GetElapsedTime(quietSince);
            bool tieredUp = compiled != compiledAtStart;
            bool settled = (quiet >= (tieredUp ? quietWindow : 4 * quietWindow)) && Math.Abs(median - previous) <= Tolerance * previous;
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (settled || elapsed >= Limit)
            {
                return new WarmUpReport(elapsed, i, settled);
            }

            previous = median;
        }
    }

    private static double Median(Span<long> values)
    {
        values.Sort();
        return values[values.Length / 2];
    }
}

/// <summary>What a warm-up took.</summary>
/// <param name="Elapsed">Its duration.</param>
/// <param name="Steps">Steps run.</param>
/// <param name="Settled">Whether the step code settled (false when the limit ended it, or with no limit).</param>
internal readonly record struct WarmUpReport(TimeSpan Elapsed, int Steps, bool Settled);
