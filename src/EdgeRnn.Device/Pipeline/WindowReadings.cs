namespace EdgeRnn.Device.Pipeline;

/// <summary>
/// Each sample's one reading when windows overlap (K &lt; N), with the rule <c>edgernn eval</c> and <c>predict</c> use: of
/// the windows that label a sample, the one that gives it the most context on its shorter side, min(samples before it,
/// samples after it) in the window, then the longer window, then the later. A ring of N slots keeps each sample's best
/// reading so far; a sample is <see cref="TryRetire">retired</see> when its slot is needed again (no later window can
/// cover it) or at the end of the run. Allocation-free once created.
/// </summary>
internal sealed class WindowReadings
{
    private readonly long[] _context;
    private readonly int[] _class;
    private readonly long[] _time;
    private readonly float[] _label;
    private readonly long[] _index;

    /// <summary>Creates the ring.</summary>
    /// <param name="window">N, the samples in a window.</param>
    public WindowReadings(int window)
    {
        _context = new long[window];
        _class = new int[window];
        _time = new long[window];
        _label = new float[window];
        _index = new long[window];
        _index.AsSpan().Fill(-1);
    }

    /// <summary>Takes a new sample into its slot; the caller first retires the slot's previous sample.</summary>
    /// <param name="index">The sample's index in the stream.</param>
    /// <param name="timestampMicroseconds">Its time.</param>
    /// <param name="label">Its label column value, or NaN.</param>
    public void Admit(long index, long timestampMicroseconds, float label)
    {
        int slot = (int)(index % _index.Length);
        _index[slot] = index;
        _time[slot] = timestampMicroseconds;
        _label[slot] = label;
        _class[slot] = -1;
        _context[slot] = 0;
    }

    /// <summary>Offers the reading of sample <paramref name="index"/> at place <paramref name="place"/> of a window of <paramref name="count"/> samples.</summary>
    public void Offer(long index, int place, int count, int reading)
    {
        int slot = (int)(index % _index.Length);
        long context = ((long)Math.Min(place, count - 1 - place) << 32) | (uint)count;
        if (_index[slot] == index && (_class[slot] < 0 || context >= _context[slot]))
        {
            _class[slot] = reading;
            _context[slot] = context;
        }
    }

    /// <summary>Empties the slot of sample <paramref name="index"/>; true with its reading when a window read it.</summary>
    /// <param name="index">The sample.</param>
    /// <param name="reading">Its class, time and label.</param>
    /// <returns>Whether the sample was in the ring and read.</returns>
    public bool TryRetire(long index, out (int Class, long TimestampMicroseconds, float Label) reading)
    {
        int slot = (int)(index % _index.Length);
        reading = default;
        if (index < 0 || _index[slot] != index)
        {
            return false;
        }

        _index[slot] = -1;
        reading = (_class[slot], _time[slot], _label[slot]);
        return _class[slot] >= 0;
    }
}
