namespace EdgeRnn.Training.Data;

/// <summary>
/// What happens to rows with missing cells (empty, non-numeric, NaN or infinite):
/// <list type="number">
/// <item>A run of at most <c>maxCarried</c> consecutive missing cells in one channel is filled with that channel's last
/// value (each filled cell counts as carried).</item>
/// <item>A row in a longer run, a row flagged invalid by the caller (empty timestamp or label), and a row with a missing
/// cell that has no earlier value to carry is dropped. A value is never carried across a dropped row.</item>
/// <item>Dropped rows between usable rows break the recording: the rows after them start a new segment (one gap), so no
/// window spans the hole. Dropped rows at the start or the end of the file break nothing and count only as dropped.</item>
/// </list>
/// </summary>
internal static class MissingValuePolicy
{
    /// <summary>Applies the policy.</summary>
    /// <param name="raw">Rows × channels, row-major, NaN for a missing cell.</param>
    /// <param name="channels">Channels per row, ≥ 1.</param>
    /// <param name="rowInvalid">Per row: true to drop it whatever its cells hold.</param>
    /// <param name="maxCarried">The longest run of missing cells per channel that is filled, ≥ 0.</param>
    /// <returns>The usable rows, filled, and what was done.</returns>
    public static MissingValueResult Apply(ReadOnlySpan<float> raw, int channels, ReadOnlySpan<bool> rowInvalid, int maxCarried)
    {
        int rows = rowInvalid.Length;
        bool[] dropped = rowInvalid.ToArray();
        MarkLongRuns(raw, channels, rows, maxCarried, dropped);

        var values = new List<float>(raw.Length);
        var sourceRows = new List<int>(rows);
        var segmentStarts = new List<int>();
        var last = new float[channels];
        Array.Fill(last, float.NaN);
        int carried = 0;
        int droppedRows = 0;
        int gaps = 0;
        bool breakPending = true;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = raw.Slice(r * channels, channels);
            if (dropped[r] || !CanFill(row, last))
            {
                droppedRows++;
                Array.Fill(last, float.NaN);
                breakPending = true;
                continue;
            }

            if (breakPending)
            {
                gaps += segmentStarts.Count > 0 ? 1 : 0;
                segmentStarts.Add(sourceRows.Count);
                breakPending = false;
            }

            for (int c = 0; c < channels; c++)
            {
                if (float.IsNaN(row[c]))
                {
                    values.Add(last[c]);
                    carried++;
                }
                else
                {
                    last[c] = row[c];
                    values.Add(row[c]);
                }
            }

            sourceRows.Add(r);
        }

        return new MissingValueResult(values.ToArray(), sourceRows.ToArray(), segmentStarts.ToArray(), carried, droppedRows, gaps);
    }

    private static void MarkLongRuns(ReadOnlySpan<float> raw, int channels, int rows, int maxCarried, bool[] dropped)
    {
        for (int c = 0; c < channels; c++)
        {
            int r = 0;
            while (r < rows)
            {
                if (!float.IsNaN(raw[(r * channels) + c]))
                {
                    r++;
                    continue;
                }

                int end = r;
                while (end < rows && float.IsNaN(raw[(end * channels) + c]))
                {
                    end++;
                }

                if (end - r > maxCarried)
                {
                    dropped.AsSpan(r, end - r).Fill(true);
                }

                r = end;
            }
        }
    }

    private static bool CanFill(ReadOnlySpan<float> row, float[] last)
    {
        for (int c = 0; c < row.Length; c++)
        {
            if (float.IsNaN(row[c]) && float.IsNaN(last[c]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The usable rows of a recording after <see cref="MissingValuePolicy"/>.</summary>
/// <param name="Values">Usable rows × channels, filled.</param>
/// <param name="SourceRows">For each usable row, its index among the file's data rows.</param>
/// <param name="SegmentStarts">Where each gap-free run starts (ascending usable-row indices; empty when nothing is usable).</param>
/// <param name="CarriedCells">Cells filled with a channel's last value.</param>
/// <param name="DroppedRows">Rows dropped.</param>
/// <param name="Gaps">Runs of dropped rows between usable rows.</param>
internal sealed record MissingValueResult(float[] Values, int[] SourceRows, int[] SegmentStarts, int CarriedCells, int DroppedRows, int Gaps);
