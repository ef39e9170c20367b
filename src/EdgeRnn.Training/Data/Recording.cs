using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Training.Data;

/// <summary>One file's usable rows after cleaning: raw (not normalised) channel values and their gap-free segments.</summary>
internal sealed class Recording
{
    /// <summary>The file.</summary>
    public required string Path { get; init; }

    /// <summary>Data rows in the file (lines after the header, blank lines not counted).</summary>
    public required int DataRows { get; init; }

    /// <summary>Input channels per row.</summary>
    public required int Channels { get; init; }

    /// <summary>Usable rows × <see cref="Channels"/>, row-major, raw values with short gaps filled.</summary>
    public required float[] Values { get; init; }

    /// <summary>Per usable row, seconds since the Unix epoch; null without a time column.</summary>
    public double[]? Times { get; init; }

    /// <summary>Per usable row, the label cell; null without a label column.</summary>
    public string[]? Labels { get; init; }

    /// <summary>Ascending usable-row indices where a gap-free segment starts (the first is 0).</summary>
    public required int[] SegmentStarts { get; init; }

    /// <summary>Cells that were empty or not a finite number.</summary>
    public int MissingCells { get; init; }

    /// <summary>Cells filled with the channel's last value.</summary>
    public int CarriedCells { get; init; }

    /// <summary>Rows dropped by the missing-value policy.</summary>
    public int DroppedRows { get; init; }

    /// <summary>Breaks from runs of dropped rows.</summary>
    public int Gaps { get; init; }

    /// <summary>Breaks from timestamps that jump too far or go backwards.</summary>
    public int TimeBreaks { get; init; }

    /// <summary>What the timestamps did, row by row in file order (steps back, repeats, gaps); null without timestamps.</summary>
    public StreamClock? Clock { get; init; }

    /// <summary>The median positive time step in seconds; 0 without timestamps.</summary>
    public double SamplePeriodSeconds { get; init; }

    /// <summary>The number of usable rows.</summary>
    public int Length => Values.Length / Channels;

    /// <summary>The gap-free segments as (start, length) over usable rows, optionally clipped to a row range.</summary>
    /// <param name="from">The first row of the range.</param>
    /// <param name="to">One past the last row of the range.</param>
    /// <returns>Non-empty segments inside the range, in order.</returns>
    public IEnumerable<(int Start, int Length)> SegmentsWithin(int from, int to)
    {
        for (int s = 0; s < SegmentStarts.Length; s++)
        {
            int start = Math.Max(SegmentStarts[s], from);
            int end = Math.Min(s + 1 < SegmentStarts.Length ? SegmentStarts[s + 1] : Length, to);
            if (end > start)
            {
                yield return (start, end - start);
            }
        }
    }
}
