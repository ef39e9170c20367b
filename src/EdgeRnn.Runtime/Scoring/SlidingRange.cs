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
