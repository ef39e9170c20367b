namespace EdgeRnn.Runtime.Scoring;

/// <summary>A fixed-length window of the most recent values with their running mean and variance (double sums, re-summed every lap to stop drift).</summary>
internal sealed class RollingWindow
{
    private readonly double[] _values;
    private int _next;
    private double _sum;
    private double _sumSquares;

    public RollingWindow(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        _values = new double[length];
    }

    public int Count { get; private set; }

    public int Length => _values.Length;

    public double Mean => Count == 0 ? 0 : _sum / Count;

    public double Variance => Count < 2 ? 0 : Math.Max(0, (_sumSquares - (_sum * _sum / Count)) / (Count - 1));

    public void Add(double value)
    {
        if (Count == _values.Length)
        {
            double old = _values[_next];
            _sum -= old;
            _sumSquares -= old * old;
        }
        else
        {
            Count++;
        }

        _values[_next] = value;
        _sum += value;
        _sumSquares += value * value;
        _next++;
        if (_next == _values.Length)
        {
            _next = 0;
            Resum();
        }
    }

    public void Clear()
    {
        Array.Clear(_values);
        _next = 0;
        Count = 0;
        _sum = 0;
        _sumSquares = 0;
    }

    private void Resum()
    {
        _sum = 0;
        _sumSquares = 0;
        for (int i = 0; i < Count; i++)
        {
            _sum += _values[i];
            _sumSquares += _values[i] * _values[i];
        }
    }
}
