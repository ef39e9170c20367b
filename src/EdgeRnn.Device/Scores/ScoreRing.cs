namespace EdgeRnn.Device.Scores;

/// <summary>
/// A bounded ring of <see cref="ScoreRow"/>s, allocated once, between one producer (the sample loop) and one consumer (the
/// scores writer's thread). Adding takes no lock and allocates nothing: a copy and a volatile write, and a wake-up of the
/// consumer once the ring is a quarter full (else the consumer looks on its own after a short sleep). When the ring is full
/// the producer drops the row, counted, or waits until the consumer frees room (<see cref="ScoresOverflow"/>); once the
/// consumer has <see cref="Close">closed</see> the ring (it failed), every row is dropped and nothing waits.
/// </summary>
internal sealed class ScoreRing : IDisposable
{
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(100);

    private readonly ScoreRow[] _rows;
    private readonly long _mask;
    private readonly long _wakeAt;
    private readonly ManualResetEventSlim _filled = new(false);
    private readonly ManualResetEventSlim _freed = new(false);
    private long _head;
    private long _tail;
    private long _dropped;
    private long _waits;
    private volatile bool _completed;
    private volatile bool _closed;

    /// <summary>Creates an empty ring.</summary>
    /// <param name="capacity">The rows it holds, a power of two ≥ 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is not a power of two ≥ 2.</exception>
    public ScoreRing(int capacity)
    {
        if (capacity < 2 || !int.IsPow2(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Expected a power of two, 2 or more.");
        }

        _rows = new ScoreRow[capacity];
        _mask = capacity - 1;
        _wakeAt = Math.Max(1, capacity / 4);
    }

    /// <summary>The rows the ring holds.</summary>
    public int Capacity => _rows.Length;

    /// <summary>Rows added and not yet taken.</summary>
    public long Count => Volatile.Read(ref _tail) - Volatile.Read(ref _head);

    /// <summary>Rows dropped because the ring was full (<see cref="ScoresOverflow.Drop"/>) or closed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Times the producer found the ring full and waited (<see cref="ScoresOverflow.Wait"/>).</summary>
    public long Waits => Interlocked.Read(ref _waits);

    /// <summary>Whether <see cref="Complete"/> was called: no more rows will be added.</summary>
    public bool IsCompleted => _completed;

    /// <summary>Adds a row (producer only).</summary>
    /// <param name="row">The row.</param>
    /// <param name="overflow">What to do when the ring is full.</param>
    /// <returns>False when the row was dropped.</returns>
    public bool TryAdd(in ScoreRow row, ScoresOverflow overflow)
    {
        long tail = _tail;
        long head = Volatile.Read(ref _head);
        if (_closed || (tail - head >= _rows.Length && (overflow == ScoresOverflow.Drop || !WaitForRoom(tail))))
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }

        _rows[tail & _mask] = row;
        Volatile.Write(ref _tail, tail + 1);
        if (tail + 1 - head >= _wakeAt && !_filled.IsSet)
        {
            _filled.Set();
        }

        return true;
    }

    /// <summary>Takes the oldest rows, up to the destination's length (consumer only).</summary>
    /// <param name="destination">Where to copy them.</param>
    /// <returns>How many were taken; 0 when the ring is empty.</returns>
    public int Take(Span<ScoreRow> destination)
    {
        long head = _head;
        int count = (int)Math.Min(Volatile.Read(ref _tail) - head, destination.Length);
        for (int i = 0; i < count; i++)
        {
            destination[i] = _rows[(head + i) & _mask];
        }

        if (count > 0)
        {
            Volatile.Write(ref _head, head + count);
            _freed.Set();
        }

        return count;
    }

    /// <summary>Sleeps until the ring is a quarter full, <see cref="Complete"/> is called or <paramref name="timeout"/>
    /// passes; returns at once when it is completed (consumer only).</summary>
    /// <param name="timeout">The longest sleep.</param>
    public void WaitForRows(TimeSpan timeout)
    {
        _filled.Reset();
        if (!_completed && Count < _wakeAt)
        {
            _filled.Wait(timeout);
        }
    }

    /// <summary>Marks the end of the rows and wakes the consumer (producer's side, after its last row).</summary>
    public void Complete()
    {
        _completed = true;
        _filled.Set();
    }

    /// <summary>Stops taking rows: from now on every row is dropped, and a waiting producer is let go (consumer's side, when it fails).</summary>
    /// <returns>The rows left in the ring, now lost.</returns>
    public long Close()
    {
        _closed = true;
        _freed.Set();
        return Count;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _filled.Dispose();
        _freed.Dispose();
    }

    private bool WaitForRoom(long tail)
    {
        Interlocked.Increment(ref _waits);
        while (tail - Volatile.Read(ref _head) >= _rows.Length)
        {
            if (_closed)
            {
                return false;
            }

            _freed.Reset();
            if (tail - Volatile.Read(ref _head) < _rows.Length)
            {
                break;
            }

            _filled.Set();
            _freed.Wait(WaitSlice);
        }

        return !_closed;
    }
}
