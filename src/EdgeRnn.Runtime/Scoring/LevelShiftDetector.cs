namespace EdgeRnn.Runtime.Scoring;

/// <summary>
/// An online change-point detector for a non-negative series such as the prediction error: at each row it compares the mean
/// of the last <c>recentRows</c> values with the mean of the <c>referenceRows</c> values just before them, and flags a change
/// point when the recent mean is at least <c>ratio</c> times the reference mean (<see cref="LevelShift.Up"/>) or at most the
/// reference mean divided by <c>ratio</c> (<see cref="LevelShift.Down"/>). After a flag it stays quiet for
/// <c>referenceRows</c> rows, so that one shift is flagged once and not again while the reference still holds the old level.
/// </summary>
/// <remarks>
/// Uses only rows seen so far; needs <c>recentRows + referenceRows</c> values before its first flag. A NaN or negative value
/// (no prediction, no finite input) is skipped: it neither enters the windows nor counts towards the quiet period.
/// Allocates nothing after construction; the two running sums are re-summed once per lap of the ring to stop drift.
/// </remarks>
internal sealed class LevelShiftDetector
{
    private readonly double[] _ring;
    private readonly int _recent;
    private readonly int _reference;
    private readonly double _ratio;
    private int _next;
    private int _count;
    private int _quietRows;
    private double _recentSum;
    private double _referenceSum;

    public LevelShiftDetector(int recentRows, int referenceRows, double ratio)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recentRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(referenceRows, 1);
        if (!(ratio > 1) || double.IsInfinity(ratio))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "expected a finite ratio above 1");
        }

        _recent = recentRows;
        _reference = referenceRows;
        _ratio = ratio;
        _ring = new double[recentRows + referenceRows];
    }

    /// <summary>The mean of the last <c>recentRows</c> values (0 before the windows are full).</summary>
    public double RecentMean => _count < _ring.Length ? 0 : _recentSum / _recent;

    /// <summary>The mean of the <c>referenceRows</c> values before them (0 before the windows are full).</summary>
    public double ReferenceMean => _count < _ring.Length ? 0 : _referenceSum / _reference;

    /// <summary>Adds the next value of the series and says whether its level shifted here.</summary>
    public LevelShift Next(double value)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            return LevelShift.None;
        }

        Push(value);
        if (_quietRows > 0)
        {
            _quietRows--;
        }

        if (_count < _ring.Length || _quietRows > 0 || _referenceSum <= 0)
        {
            return LevelShift.None;
        }

        double recentMean = RecentMean;
        double referenceMean = ReferenceMean;
        var shift = recentMean >= _ratio * referenceMean ? LevelShift.Up
            : recentMean * _ratio <= referenceMean ? LevelShift.Down
            : LevelShift.None;
        if (shift != LevelShift.None)
        {
            _quietRows = _reference;
        }

        return shift;
    }

    /// <summary>Forgets every value and the quiet period.</summary>
    public void Clear()
    {
        Array.Clear(_ring);
        _next = 0;
        _count = 0;
        _quietRows = 0;
        _recentSum = 0;
        _referenceSum = 0;
    }

    // The ring holds the last recent + reference values, oldest at _next once full. The value that leaves the recent
    // window (recent rows back) enters the reference window, whose oldest value leaves it.
    private void Push(double value)
    {
        int length = _ring.Length;
        if (_count == length)
        {
            _referenceSum -= _ring[_next];
        }

        if (_count >= _recent)
        {
            double leaving = _ring[(_next + length - _recent) % length];
            _recentSum -= leaving;
            _referenceSum += leaving;
        }

        _ring[_next] = value;
        _recentSum += value;
        _count = Math.Min(_count + 1, length);
        _next++;
        if (_next == length)
        {
            _next = 0;
            Resum();
        }
    }

    private void Resum()
    {
        int length = _ring.Length;
        _recentSum = 0;
        _referenceSum = 0;
        for (int back = 1; back <= _count; back++)
        {
            double v = _ring[(_next - back + length) % length];
            if (back <= _recent)
            {
                _recentSum += v;
            }
            else
            {
                _referenceSum += v;
            }
        }
    }
}
