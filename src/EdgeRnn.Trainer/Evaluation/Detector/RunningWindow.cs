namespace EdgeRnn.Trainer.Evaluation.Detector;

/// <summary>
/// The last <c>length</c> values with their running mean and variance; preallocated, so adding allocates nothing.
/// Sums are recomputed every lap of the ring so that rounding cannot drift.
/// </summary>
internal sealed class RunningWindow
{
    private readonly double[] _values;
    private int _next;
    private double _sum;
    private double _sumSquares;

    public RunningWindow(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        _values = new double[length];
    }

    public int Count { get; private set; }

    public double Mean => Count == 0 ? 0 : _sum / Count;

    /// <summary>The sample variance (n − 1), 0 below two values.</summary>
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
        if (++_next == _values.Length)
        {
            _next = 0;
            _sum = 0;
            _sumSquares = 0;
            for (int i = 0; i < Count; i++)
            {
                _sum += _values[i];
                _sumSquares += _values[i] * _values[i];
            }
        }
    }
}
