namespace EdgeRnn.Training.Data;

/// <summary>
/// Consecutive windows for training with carried state (truncated BPTT over long streams). Each batch slot is a lane;
/// every segment is assigned whole to one lane (the lane with the fewest windows so far, in file order), and a lane
/// plays its segments one after another in non-overlapping windows (stride = length). A slot is
/// <see cref="SlotState.Continue"/> when its window directly follows the slot's previous window in the same segment,
/// <see cref="SlotState.Reset"/> at the start of each segment, and <see cref="SlotState.Unused"/> once its lane is done.
/// </summary>
internal sealed class StreamBatcher
{
    private readonly TrainingData _data;
    private readonly Window[][] _lanes;
    private readonly bool[][] _continues;
    private int _next;

    /// <summary>Creates a batcher.</summary>
    /// <param name="data">The data.</param>
    /// <param name="part">The part whose segments are streamed.</param>
    /// <param name="length">Steps per window, ≥ 1.</param>
    /// <param name="lanes">Parallel streams = slots per batch, ≥ 1.</param>
    public StreamBatcher(TrainingData data, SplitPart part, int length, int lanes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _data = data;
        Length = length;
        var laneWindows = Enumerable.Range(0, lanes).Select(_ => new List<Window>()).ToArray();
        var laneContinues = Enumerable.Range(0, lanes).Select(_ => new List<bool>()).ToArray();
        foreach (var segment in data.SegmentsOf(part))
        {
            var windows = WindowPlan.Create(data.Task, [segment], length, length);
            if (windows.Length == 0)
            {
                continue;
            }

            int lane = 0;
            for (int l = 1; l < lanes; l++)
            {
                lane = laneWindows[l].Count < laneWindows[lane].Count ? l : lane;
            }

            for (int w = 0; w < windows.Length; w++)
            {
                laneWindows[lane].Add(windows[w]);
                laneContinues[lane].Add(w > 0);
            }
        }

        _lanes = laneWindows.Select(l => l.ToArray()).ToArray();
        _continues = laneContinues.Select(l => l.ToArray()).ToArray();
        WindowCount = _lanes.Sum(l => l.Length);
        BatchCount = _lanes.Max(l => l.Length);
    }

    /// <summary>Steps per window.</summary>
    public int Length { get; }

    /// <summary>Slots per batch.</summary>
    public int Lanes => _lanes.Length;

    /// <summary>Windows per pass.</summary>
    public int WindowCount { get; }

    /// <summary>Batches per pass (the longest lane).</summary>
    public int BatchCount { get; }

    /// <summary>Buffers shaped for this batcher.</summary>
    /// <returns>A new batch, to reuse for every call of <see cref="NextBatch"/>.</returns>
    public WindowBatch CreateBatch() => new(_data, Lanes, Length);

    /// <summary>Starts a new pass from the first window of every lane.</summary>
    public void Reset() => _next = 0;

    /// <summary>Fills the next batch; allocates nothing.</summary>
    /// <param name="batch">Buffers from <see cref="CreateBatch"/>.</param>
    /// <returns>False when every lane is done (the batch is then untouched).</returns>
    public bool NextBatch(WindowBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Capacity != Lanes || batch.Length != Length)
        {
            throw new ArgumentException($"Expected a batch of {Lanes} windows × {Length} steps; found {batch.Capacity} × {batch.Length}.", nameof(batch));
        }

        if (_next >= BatchCount)
        {
            return false;
        }

        int count = 0;
        for (int slot = 0; slot < Lanes; slot++)
        {
            if (_next < _lanes[slot].Length)
            {
                var state = _continues[slot][_next] ? SlotState.Continue : SlotState.Reset;
                WindowWriter.Write(_data, _lanes[slot][_next], batch, slot, state);
                count++;
            }
            else
            {
                WindowWriter.Clear(batch, slot);
            }
        }

        batch.Count = count;
        _next++;
        return true;
    }
}
