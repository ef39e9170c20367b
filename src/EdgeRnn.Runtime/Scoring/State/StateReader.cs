using System.Buffers.Binary;
using System.Globalization;

namespace EdgeRnn.Runtime.Scoring.State;

/// <summary>
/// Reads what <see cref="StateWriter"/> wrote, checking each value; every problem is an <see cref="InvalidDataException"/>
/// that names the field. Allocates nothing but the exception.
/// </summary>
internal ref struct StateReader
{
    private readonly ReadOnlySpan<byte> _source;

    public StateReader(ReadOnlySpan<byte> source)
    {
        _source = source;
    }

    public int Position { get; private set; }

    public int ReadInt32(string what, int min, int max)
    {
        Need(4, what);
        int value = BinaryPrimitives.ReadInt32LittleEndian(_source[Position..]);
        Position += 4;
        return value >= min && value <= max ? value : throw Problem($"expected {what} in [{min}, {max}]; found {value}");
    }

    public long ReadInt64(string what, long min, long max)
    {
        Need(8, what);
        long value = BinaryPrimitives.ReadInt64LittleEndian(_source[Position..]);
        Position += 8;
        return value >= min && value <= max ? value : throw Problem($"expected {what} in [{min}, {max}]; found {value}");
    }

    /// <summary>Reads a float64; finite unless <paramref name="infinityAllowed"/> (then ±∞ passes, NaN never).</summary>
    public double ReadDouble(string what, bool infinityAllowed = false)
    {
        Need(8, what);
        double value = BinaryPrimitives.ReadDoubleLittleEndian(_source[Position..]);
        Position += 8;
        return double.IsFinite(value) || (infinityAllowed && double.IsInfinity(value)) ? value : throw Problem($"expected a finite {what}; found {value}");
    }

    public float ReadSingle(string what)
    {
        Need(4, what);
        float value = BinaryPrimitives.ReadSingleLittleEndian(_source[Position..]);
        Position += 4;
        return float.IsFinite(value) ? value : throw Problem($"expected a finite {what}; found {value}");
    }

    /// <summary>Reads <paramref name="destination"/>.Length float64 values, each finite (or only checks them when the destination is empty and <paramref name="count"/> is given).</summary>
    public void ReadDoubles(Span<double> destination, int count, string what)
    {
        for (int i = 0; i < count; i++)
        {
            double value = ReadDouble(what);
            if (!destination.IsEmpty)
            {
                destination[i] = value;
            }
        }
    }

    public void ReadSingles(Span<float> destination, int count, string what)
    {
        for (int i = 0; i < count; i++)
        {
            float value = ReadSingle(what);
            if (!destination.IsEmpty)
            {
                destination[i] = value;
            }
        }
    }

    public ReadOnlySpan<byte> ReadBytes(int length, string what)
    {
        Need(length, what);
        var bytes = _source.Slice(Position, length);
        Position += length;
        return bytes;
    }

    public readonly void ExpectEnd()
    {
        if (Position != _source.Length)
        {
            throw Problem($"expected the saved state to end after {Position} bytes; found {_source.Length - Position} more");
        }
    }

    private readonly void Need(int bytes, string what)
    {
        if (_source.Length - Position < bytes)
        {
            throw Problem($"expected {bytes} bytes for {what}; found {_source.Length - Position}");
        }
    }

    private readonly InvalidDataException Problem(FormattableString message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Saved detector state, byte {Position}: {message.ToString(CultureInfo.InvariantCulture)}."));
}
