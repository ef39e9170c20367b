namespace EdgeRnn.Training.Data;

/// <summary>
/// Independent windows in mini-batches, for training without carried state: every slot starts from a reset state.
/// Each epoch visits every window once, in an order that depends only on the seed and the epoch number (so a resumed
/// run sees the same order), or in plan order for evaluation. The last batch of an epoch may be partial.
/// </summary>
internal sealed class WindowBatcher
{
    private readonly TrainingData _data;
    private readonly Window[] _windows;
    private readonly int[] _order;
    private int _next;

    /// <summary>Creates a batcher.</summary>
    /// <param name="data">The data.</param>
    /// <param name="part">The part whose segments are windowed.</param>
    /// <param name="length">Steps per window, ≥ 1.</param>
    /// <param name="stride">Steps between window starts, ≥ 1.</param>
    /// <param name="batchSize">Windows per batch, ≥ 1.</param>
    public WindowBatcher(TrainingData data, SplitPart part, int length, int stride, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _data = data;
        _windows = WindowPlan.Create(data.Task, data.SegmentsOf(part), length, stride);
        _order = new int[_windows.Length];
        Length = length;
        BatchSize = batchSize;
        StartInOrder();
    }

    /// <summary>Steps per window.</summary>
    public int Length { get; }

    /// <summary>Windows per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Windows per epoch.</summary>
    public int WindowCount => _windows.Length;

    /// <summary>Batches per epoch (the last may be partial).</summary>
    public int BatchCount => (_windows.Length + BatchSize - 1) / BatchSize;

    /// <summary>The windows in plan order.</summary>
    public ReadOnlySpan<Window> Windows => _windows;

    /// <summary>Buffers shaped for this batcher.</summary>
    /// <returns>A new batch, to reuse for every call of <see cref="NextBatch"/>.</returns>
    public WindowBatch CreateBatch() => new(_data, BatchSize, Length);

    /// <summary>Starts an epoch in a shuffled order.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="epoch">The epoch number, ≥ 0.</param>
    public void StartEpoch(ulong seed, int epoch)
    {
        ResetOrder();
        SplitMix64.ForStream(seed, (ulong)epoch).Shuffle(_order.AsSpan());
        _next = 0;
    }

    /// <summary>Starts a pass in plan order (file order, then time), for evaluation.</summary>
    public void StartInOrder()
    {
        ResetOrder();
        _next = 0;
    }

    /// <summary>Fills the next batch; allocates nothing.</summary>
    /// <param name="batch">Buffers from <see cref="CreateBatch"/>.</param>
    /// <returns>False when the pass is over (the batch is then untouched).</returns>
    public bool NextBatch(WindowBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Capacity != BatchSize || batch.Length != Length)
        {
            throw new ArgumentException($"Expected a batch of {BatchSize} windows × {Length} steps; found {batch.Capacity} × {batch.Length}.", nameof(batch));
        }

        if (_next >= _order.Length)
        {
            return false;
        }

        int count = Math.Min(BatchSize, _order.Length - _next);
        for (int slot = 0; slot < BatchSize; slot++)
        {
            if (slot < count)
            {
                WindowWriter.Write(_data, _windows[_order[_next + slot]], batch, slot, SlotState.Reset);
            }
            else
            {
                WindowWriter.Clear(batch, slot);
            }
        }

        batch.Count = count;
        _next += count;
        return true;
    }

    private void ResetOrder()
    {
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }
    }
}
