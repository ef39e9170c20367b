using EdgeRnn.Runtime.Scoring.State;

namespace EdgeRnn.Runtime.Scoring;

/// <summary>
/// The smallest and largest of the last <see cref="Length"/> values added (of every value added when the length is 0), in
/// amortised O(1) per value and without allocating after construction: two monotonic queues on ring buffers.
/// </summary>
internal sealed class SlidingRange
{
    private readonly MonotonicQueue _min;
    private readonly MonotonicQueue _max;
    private long _added;

    /// <param name="length">Values in the window, ≥ 0; 0 keeps every value added.</param>
    public SlidingRange(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _min = new MonotonicQueue(length, keepSmallest: true);
        _max = new MonotonicQueue(length, keepSmallest: false);
    }

    public int Length { get; }

    /// <summary>Whether a value was added since construction or <see cref="Clear"/>.</summary>
    public bool IsEmpty => _added == 0;

    /// <summary>The smallest value in the window (+∞ when empty).</summary>
    public double Min => _min.Front;

    /// <summary>The largest value in the window (−∞ when empty).</summary>
    public double Max => _max.Front;

    public void Add(double value)
    {
        long position = _added++;
        _min.Add(value, position, Length);
        _max.Add(value, position, Length);
    }

    /// <summary>Writes the range exactly (values added, both queues).</summary>
    public void Save(ref StateWriter writer)
    {
        writer.WriteInt64(_added);
        _min.Save(ref writer);
        _max.Save(ref writer);
    }

    /// <summary>Reads what <see cref="Save"/> wrote for a range of this length; changes it only when <paramref name="apply"/>.</summary>
    public void Load(ref StateReader reader, bool apply)
    {
        long added = reader.ReadInt64("a range's count", 0, long.MaxValue);
        _min.Load(ref reader, apply);
        _max.Load(ref reader, apply);
        if (apply)
        {
            _added = added;
        }
    }

    public void Clear()
    {
        _added = 0;
        _min.Clear();
        _max.Clear();
    }

    private sealed class MonotonicQueue
    {
        private readonly double[] _values;
        private readonly long[] _positions;
        private readonly bool _keepSmallest;
        private int _head;
        private int _count;
        private double _front;

        public MonotonicQueue(int length, bool keepSmallest)
        {
            _values = new double[length];
            _positions = new long[length];
            _keepSmallest = keepSmallest;
            Clear();
        }

        public double Front => _values.Length == 0 ? _front : _count == 0 ? Empty : _values[_head];

        private double Empty => _keepSmallest ? double.PositiveInfinity : double.NegativeInfinity;

        public void Add(double value, long position, int length)
        {
            if (_values.Length == 0)
            {
                _front = _keepSmallest ? Math.Min(_front, value) : Math.Max(_front, value);
                return;
            }

            while (_count > 0 && _positions[_head] <= position - length)
            {
                _head = (_head + 1) % _values.Length;
                _count--;
            }

            while (_count > 0 && Dominates(value, _values[Back]))
            {
                _count--;
            }

            int slot = (_head + _count) % _values.Length;
            _values[slot] = value;
            _positions[slot] = position;
            _count++;
        }

        public void Save(ref StateWriter writer)
        {
            writer.WriteInt32(_head);
            writer.WriteInt32(_count);
            writer.WriteDouble(_front);
            writer.WriteDoubles(_values);
            foreach (long position in _positions)
            {
                writer.WriteInt64(position);
            }
        }

        public void Load(ref StateReader reader, bool apply)
        {
            int capacity = _values.Length;
            int head = reader.ReadInt32("a range queue's head", 0, Math.Max(0, capacity - 1));
            int count = reader.ReadInt32("a range queue's count", 0, capacity);
            double front = reader.ReadDouble("a range's extreme", infinityAllowed: true);
            reader.ReadDoubles(apply ? _values : default, capacity, "a range queue value");
            for (int i = 0; i < capacity; i++)
            {
                long position = reader.ReadInt64("a range queue position", 0, long.MaxValue);
                if (apply)
                {
                    _positions[i] = position;
                }
            }

            if (apply)
            {
                _head = head;
                _count = count;
                _front = front;
            }
        }

        public void Clear()
        {
            _head = 0;
            _count = 0;
            _front = Empty;
        }

        private int Back => (_head + _count - 1) % _values.Length;

        private bool Dominates(double value, double back) => _keepSmallest ? value <= back : value >= back;
    }
}
