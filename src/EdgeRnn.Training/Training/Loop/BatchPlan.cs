namespace EdgeRnn.Training.Training.Loop;

/// <summary>
/// Which windows make up each batch of an epoch. Independent windows: a seeded shuffle cut into batches. Carried state:
/// the set cut into <c>batchSize</c> contiguous lanes, batch i holding the i-th window of every lane, so each row of a batch
/// continues the same row of the previous batch; <see cref="ResetRow"/> says where a stream starts afresh. The last
/// count mod batchSize windows, which would make lanes of unequal length, are left out of lane plans.
/// </summary>
internal sealed class BatchPlan
{
    private readonly int[] _order;
    private readonly bool[] _reset;
    private readonly int[] _starts;

    private BatchPlan(int[] order, bool[] reset, int[] starts)
    {
        _order = order;
        _reset = reset;
        _starts = starts;
    }

    public int Batches => _starts.Length - 1;

    public ReadOnlySpan<int> Windows(int batch) => _order.AsSpan(_starts[batch], _starts[batch + 1] - _starts[batch]);

    /// <summary>For carried state: whether row <paramref name="row"/> of <paramref name="batch"/> starts from a zero state.</summary>
    public bool ResetRow(int batch, int row) => _reset[_starts[batch] + row];

    public static BatchPlan Shuffled(int count, int batchSize, DeterministicRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order.AsSpan());
        return Sequential(order, batchSize);
    }

    public static BatchPlan InOrder(int count, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return Sequential(Enumerable.Range(0, count).ToArray(), batchSize);
    }

    public static BatchPlan Lanes(WindowSet windows, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        int lanes = Math.Max(1, Math.Min(batchSize, windows.Count));
        int laneLength = windows.Count / lanes;
        var order = new int[lanes * laneLength];
        var reset = new bool[order.Length];
        var starts = new int[laneLength + 1];
        for (int i = 0; i < laneLength; i++)
        {
            starts[i] = i * lanes;
            for (int lane = 0; lane < lanes; lane++)
            {
                int window = (lane * laneLength) + i;
                order[(i * lanes) + lane] = window;
                reset[(i * lanes) + lane] = i == 0 || !windows.Continues(window);
            }
        }

        starts[laneLength] = order.Length;
        return new BatchPlan(order, reset, starts);
    }

    private static BatchPlan Sequential(int[] order, int batchSize)
    {
        int batches = (order.Length + batchSize - 1) / batchSize;
        var starts = new int[batches + 1];
        for (int b = 0; b <= batches; b++)
        {
            starts[b] = Math.Min(b * batchSize, order.Length);
        }

        return new BatchPlan(order, new bool[order.Length], starts);
    }
}
