using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Data;

/// <summary>
/// Where windows start. A window of length k starting at s uses inputs s … s+k−1; for forecast and text its targets are
/// the next steps s+1 … s+k, so it needs k+1 steps of its segment; for label and classify it needs k. Windows start at
/// the segment start and every <c>stride</c> steps after it while they fit; a segment's tail shorter than a stride is
/// not covered, and a segment shorter than a window yields none. No window crosses a segment (a gap or the split).
/// </summary>
internal static class WindowPlan
{
    /// <summary>Whether a task's targets are the next step (so a window needs one step more than its length).</summary>
    /// <param name="task">The task.</param>
    /// <returns>True for forecast and text.</returns>
    public static bool TargetsAreNextStep(ModelTask task) => task is ModelTask.Forecast or ModelTask.Text;

    /// <summary>Lists the windows of some segments.</summary>
    /// <param name="task">The task.</param>
    /// <param name="segments">The segments, in order.</param>
    /// <param name="length">Steps per window, ≥ 1.</param>
    /// <param name="stride">Steps between window starts, ≥ 1 (less than the length makes windows overlap).</param>
    /// <returns>The windows, in segment order.</returns>
    public static Window[] Create(ModelTask task, IReadOnlyList<Segment> segments, int length, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        int needed = length + (TargetsAreNextStep(task) ? 1 : 0);
        var windows = new List<Window>();
        foreach (var segment in segments)
        {
            for (int start = segment.Start; start + needed <= segment.Start + segment.Length; start += stride)
            {
                windows.Add(new Window(segment.Sequence, start));
            }
        }

        return windows.ToArray();
    }

    /// <summary>Checks that a part has at least one window of a length, for a clear error before training starts.</summary>
    /// <param name="data">The data.</param>
    /// <param name="part">The part.</param>
    /// <param name="length">Steps per window, ≥ 1.</param>
    /// <exception cref="RecordingException">No segment of the part is long enough.</exception>
    public static void RequireAny(TrainingData data, SplitPart part, int length)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var segments = data.SegmentsOf(part);
        int needed = length + (TargetsAreNextStep(data.Task) ? 1 : 0);
        int longest = segments.Count == 0 ? 0 : segments.Max(s => s.Length);
        if (longest < needed)
        {
            string name = part == SplitPart.Train ? "training" : "validation";
            throw new RecordingException($"Expected at least one {name} window of {length} steps (a gap-free run of {needed} steps); the longest gap-free {name} run has {longest} steps. Use a shorter window, or record longer without gaps.");
        }
    }
}
