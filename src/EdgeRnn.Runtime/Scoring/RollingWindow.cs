using System.Buffers.Binary;
using EdgeRnn.Runtime.Scoring.State;

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

    /// <summary>The value the next <see cref="Add"/> pushes out, once the window is full.</summary>
    public double Oldest => _values[_next];

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

    /// <summary>The number of bytes <see cref="WriteTo"/> writes: uint32 count, uint32 next slot, then every slot as float64.</summary>
    public int SerializedSize => 8 + (8 * _values.Length);

    /// <summary>Writes the window (little-endian); returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, Count);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], _next);
        for (int i = 0; i < _values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(destination[(8 + (8 * i))..], _values[i]);
        }

        return SerializedSize;
    }

    /// <summary>Why <paramref name="source"/> is not a window of this length written by <see cref="WriteTo"/>, or null when it is.</summary>
    public string? Check(ReadOnlySpan<byte> source)
    {
        if (source.Length != SerializedSize)
        {
            return $"expected a window of {SerializedSize} bytes; found {source.Length}";
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(source);
        int next = BinaryPrimitives.ReadInt32LittleEndian(source[4..]);
        if (count < 0 || count > _values.Length || next < 0 || next >= _values.Length || (count < _values.Length && next != count))
        {
            return $"expected a count in [0, {_values.Length}] and a next slot that fits it; found {count} and {next}";
        }

        for (int i = 0; i < _values.Length; i++)
        {
            double value = BinaryPrimitives.ReadDoubleLittleEndian(source[(8 + (8 * i))..]);
            if (!double.IsFinite(value))
            {
                return $"expected finite values; found {value} in slot {i}";
            }
        }

        return null;
    }

    /// <summary>Replaces the window by one written by <see cref="WriteTo"/> that passed <see cref="Check"/>.</summary>
    public void ReadFrom(ReadOnlySpan<byte> source)
    {
        Count = BinaryPrimitives.ReadInt32LittleEndian(source);
        _next = BinaryPrimitives.ReadInt32LittleEndian(source[4..]);
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = BinaryPrimitives.ReadDoubleLittleEndian(source[(8 + (8 * i))..]);
        }

        Resum();
    }

    /// <summary>Writes the whole window exactly (count, next slot, running sums, every slot), so that a restored window continues bit for bit.</summary>
    public void Save(ref StateWriter writer)
    {
        writer.WriteInt32(Count);
        writer.WriteInt32(_next);
        writer.WriteDouble(_sum);
        writer.WriteDouble(_sumSquares);
        writer.WriteDoubles(_values);
    }

    /// <summary>Reads what <see cref="Save"/> wrote for a window of this length; changes the window only when <paramref name="apply"/>.</summary>
    public void Load(ref StateReader reader, bool apply)
    {
        int count = reader.ReadInt32("a window's count", 0, _values.Length);
        int next = reader.ReadInt32("a window's next slot", count < _values.Length ? count : 0, count < _values.Length ? count : _values.Length - 1);
        double sum = reader.ReadDouble("a window's sum");
        double squares = reader.ReadDouble("a window's sum of squares");
        reader.ReadDoubles(apply ? _values : default, _values.Length, "a window value");
        if (apply)
        {
            Count = count;
            _next = next;
            _sum = sum;
            _sumSquares = squares;
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
