namespace EdgeRnn.Testing;

/// <summary>
/// Bytes allocated on the calling thread by a window of warm work, least of several windows. An allocation made per call
/// shows in every window; a one-off by the runtime (a tiered-JIT re-compilation or an on-stack replacement landing on the
/// measuring thread) shows in one at most, so it cannot fail a test that claims "allocates nothing".
/// </summary>
internal static class ThreadAllocations
{
    /// <summary>The default number of windows measured.</summary>
    public const int Windows = 3;

    /// <summary>Runs <paramref name="window"/> <paramref name="windows"/> times and returns its smallest allocation.</summary>
    public static long LeastOf(Action window, int windows = Windows)
    {
        long least = long.MaxValue;
        for (int i = 0; i < windows; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            window();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
