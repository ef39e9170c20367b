using System.Buffers.Binary;
using System.Globalization;

namespace EdgeRnn.Runtime.Scoring.State;

/// <summary>
/// Reads what <see cref="StateWriter"/> wrote, checking each value; every problem is a <see cref="ModelFormatException"/>
/// that names the field and its byte offset in the saved bytes. Allocates nothing but the exception.
/// </summary>
internal ref struct StateReader
{
    private readonly ReadOnlySpan<byte> _source;
    private readonly int _origin;

    /// <summary>Reads <paramref name="source"/>, which starts <paramref name="origin"/> bytes into the saved bytes (after their header).</summary>
    public StateReader(ReadOnlySpan<byte> source, int origin)
    {
        _source = source;
        _origin = origin;
    }

    public int Position { get; private set; }

    public int ReadInt32(string what, int min, int max)
    {
        Need(4, what);
        int value = BinaryPrimitives.ReadInt32LittleEndian(_source[Position..]);
        if (value < min || value > max)
        {
            throw Problem($"expected {what} in [{min}, {max}]; found {value}");
        }

        Position += 4;
        return value;
    }

    public long ReadInt64(string what, long min, long max)
    {
        Need(8, what);
        long value = BinaryPrimitives.ReadInt64LittleEndian(_source[Position..]);
        if (value < min || value > max)
        {
            throw Problem($"expected {what} in [{min}, {max}]; found {value}");
        }

        Position += 8;
        return value;
    }

    /// <summary>Reads a float64; finite unless <paramref name="infinityAllowed"/> (then ±∞ passes, NaN never).</summary>
    public double ReadDouble(string what, bool infinityAllowed = false)
    {
        Need(8, what);
        double value = BinaryPrimitives.ReadDoubleLittleEndian(_source[Position..]);
        if (!double.IsFinite(value) && !(infinityAllowed && double.IsInfinity(value)))
        {
            throw Problem($"expected a finite {what}; found {value}");
        }

        Position += 8;
        return value;
    }

    public float ReadSingle(string what)
    {
        Need(4, what);
        float value = BinaryPrimitives.ReadSingleLittleEndian(_source[Position..]);
        if (!float.IsFinite(value))
        {
            throw Problem($"expected a finite {what}; found {value}");
        }

        Position += 4;
        return value;
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
            throw Problem($"expected the saved fields to end here, before the CRC-32; found {_source.Length - Position} more bytes");
        }
    }

    private readonly void Need(int bytes, string what)
    {
        if (_source.Length - Position < bytes)
        {
            throw Problem($"expected {bytes} bytes for {what}; found {_source.Length - Position}");
        }
    }

    /// <summary>A problem with the field at <see cref="Position"/>, located by its offset in the whole saved bytes.</summary>
    private readonly ModelFormatException Problem(FormattableString message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Saved detector state, byte {_origin + Position}: {message.ToString(CultureInfo.InvariantCulture)}."));
}
