using EdgeRnn.Runtime.Scoring.State;

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
/// Allocates nothing after construction; the two windows are <see cref="RollingWindow"/>s, whose sums are re-summed once
/// per lap to stop drift.
/// </remarks>
internal sealed class LevelShiftDetector
{
    private readonly RollingWindow _recent;
    private readonly RollingWindow _reference;
    private readonly double _ratio;
    private int _quietRows;

    public LevelShiftDetector(int recentRows, int referenceRows, double ratio)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recentRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(referenceRows, 1);
        if (!(ratio > 1) || double.IsInfinity(ratio))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "expected a finite ratio above 1");
        }

        _recent = new RollingWindow(recentRows);
        _reference = new RollingWindow(referenceRows);
        _ratio = ratio;
    }

    /// <summary>The mean of the last <c>recentRows</c> values (0 before the windows are full).</summary>
    public double RecentMean => IsFull ? _recent.Mean : 0;

    /// <summary>The mean of the <c>referenceRows</c> values before them (0 before the windows are full).</summary>
    public double ReferenceMean => IsFull ? _reference.Mean : 0;

    private bool IsFull => _reference.Count == _reference.Length;

    /// <summary>Adds the next value of the series and says whether its level shifted here.</summary>
    public LevelShift Next(double value)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            return LevelShift.None;
        }

        // The value that leaves the recent window enters the reference window.
        if (_recent.Count == _recent.Length)
        {
            _reference.Add(_recent.Oldest);
        }

        _recent.Add(value);
        if (_quietRows > 0)
        {
            _quietRows--;
        }

        double referenceMean = ReferenceMean;
        if (!IsFull || _quietRows > 0 || referenceMean <= 0)
        {
            return LevelShift.None;
        }

        double recentMean = RecentMean;
        var shift = recentMean >= _ratio * referenceMean ? LevelShift.Up
            : recentMean * _ratio <= referenceMean ? LevelShift.Down
            : LevelShift.None;
        if (shift != LevelShift.None)
        {
            _quietRows = _reference.Length;
        }

        return shift;
    }

    public void Save(ref StateWriter writer)
    {
        _recent.Save(ref writer);
        _reference.Save(ref writer);
        writer.WriteInt32(_quietRows);
    }

    public void Load(ref StateReader reader, bool apply)
    {
        _recent.Load(ref reader, apply);
        _reference.Load(ref reader, apply);
        int quiet = reader.ReadInt32("the change-point quiet rows", 0, _reference.Length);
        if (apply)
        {
            _quietRows = quiet;
        }
    }

    /// <summary>Forgets every value and the quiet period.</summary>
    public void Clear()
    {
        _recent.Clear();
        _reference.Clear();
        _quietRows = 0;
    }
}
