namespace EdgeRnn.Training.Data;

/// <summary>
/// Breaks a recording where its timestamps show a hole: a step longer than a factor times the median step, or a step
/// backwards (two logs joined out of order). Equal timestamps are allowed.
/// </summary>
internal static class TimeBreaks
{
    /// <summary>The median positive step between consecutive rows of the same segment.</summary>
    /// <param name="times">Seconds, per usable row.</param>
    /// <param name="segmentStarts">Where segments start.</param>
    /// <returns>The median step in seconds, to the microsecond; 0 when there is no positive step.</returns>
    public static double MedianStep(double[] times, int[] segmentStarts)
    {
        var steps = new List<double>(times.Length);
        for (int r = 1; r < times.Length; r++)
        {
            double step = times[r] - times[r - 1];
            if (step > 0 && Array.BinarySearch(segmentStarts, r) < 0)
            {
                steps.Add(step);
            }
        }

        if (steps.Count == 0)
        {
            return 0;
        }

        steps.Sort();
        int mid = steps.Count / 2;
        double median = steps.Count % 2 == 1 ? steps[mid] : (steps[mid - 1] + steps[mid]) / 2;

        // Epoch seconds in a double resolve about 0.24 µs today, so steps are only good to about a microsecond.
        return Math.Max(Math.Round(median, 6), 1e-6);
    }

    /// <summary>Adds segment starts where the time jumps.</summary>
    /// <param name="times">Seconds, per usable row.</param>
    /// <param name="segmentStarts">The existing segment starts.</param>
    /// <param name="medianStep">The median step (0: only backward steps break).</param>
    /// <param name="maxStepFactor">The longest allowed step in median steps; 0 turns all time breaks off.</param>
    /// <returns>The new segment starts and how many were added.</returns>
    public static (int[] SegmentStarts, int Added) Split(double[] times, int[] segmentStarts, double medianStep, double maxStepFactor)
    {
        if (maxStepFactor <= 0)
        {
            return (segmentStarts, 0);
        }

        var starts = new List<int>(segmentStarts);
        int added = 0;
        double longest = medianStep > 0 ? medianStep * maxStepFactor : double.PositiveInfinity;
        for (int r = 1; r < times.Length; r++)
        {
            double step = times[r] - times[r - 1];
            if ((step < 0 || step > longest) && Array.BinarySearch(segmentStarts, r) < 0)
            {
                starts.Add(r);
                added++;
            }
        }

        starts.Sort();
        return (starts.ToArray(), added);
    }
}
