namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>
/// The events not yet acknowledged by the broker, oldest first, in a ring of fixed capacity: when it is full, adding an event
/// drops the oldest one and counts it. The publisher peeks at the oldest, publishes it and removes it only once the broker
/// has acknowledged it, so an event in flight when the connection drops is sent again (at least once). Adding copies a value
/// type into the ring under a short lock: no allocation, no waiting on I/O. Thread-safe (one adder, one publisher).
/// </summary>
internal sealed class EventQueue
{
    private readonly AlarmEvent[] _events;
    private readonly Lock _gate = new();
    private long _first;
    private long _next;
    private long _dropped;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="capacity">The most events kept, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is under 1.</exception>
    public EventQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _events = new AlarmEvent[capacity];
    }

    /// <summary>The most events kept.</summary>
    public int Capacity => _events.Length;

    /// <summary>Events waiting.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return (int)(_next - _first);
            }
        }
    }

    /// <summary>Events dropped so far because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Adds an event; when the queue is full the oldest event is dropped and counted.</summary>
    /// <param name="alarm">The event.</param>
    /// <returns>True when an older event was dropped to make room.</returns>
    public bool Add(in AlarmEvent alarm)
    {
        lock (_gate)
        {
            bool full = _next - _first == _events.Length;
            if (full)
            {
                _first++;
                Interlocked.Increment(ref _dropped);
            }

            _events[_next % _events.Length] = alarm;
            _next++;
            return full;
        }
    }

    /// <summary>Looks at the oldest event without removing it.</summary>
    /// <param name="alarm">The oldest event.</param>
    /// <param name="sequence">Its sequence number, for <see cref="Remove"/>.</param>
    /// <returns>False when the queue is empty.</returns>
    public bool TryPeek(out AlarmEvent alarm, out long sequence)
    {
        lock (_gate)
        {
            sequence = _first;
            if (_first == _next)
            {
                alarm = default;
                return false;
            }

            alarm = _events[_first % _events.Length];
            return true;
        }
    }

    /// <summary>Removes the event <see cref="TryPeek"/> gave, unless it has been dropped meanwhile (then nothing is removed).</summary>
    /// <param name="sequence">Its sequence number.</param>
    public void Remove(long sequence)
    {
        lock (_gate)
        {
            if (sequence == _first && _first != _next)
            {
                _events[_first % _events.Length] = default;
                _first++;
            }
        }
    }
}
