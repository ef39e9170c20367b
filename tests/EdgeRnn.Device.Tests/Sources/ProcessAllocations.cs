namespace EdgeRnn.Device.Tests.Sources;

/// <summary>Whole-process allocation of a window of work, least of several windows: sources continue on thread-pool
/// threads, so per-thread counts miss their allocations, and a stray allocation by the test runner must not fail a test.</summary>
internal static class ProcessAllocations
{
    public static async Task<long> LeastOf(int windows, Func<Task> window)
    {
        long least = long.MaxValue;
        for (int i = 0; i < windows; i++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            await window();
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        return least;
    }
}
