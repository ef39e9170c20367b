using System.Buffers.Binary;

namespace EdgeRnn.Runtime.Scoring.State;

/// <summary>
/// Writes a detector's state field by field (little-endian) into a span, or only counts the bytes when it has none
/// (<see cref="Measure"/>), so that one method both sizes and writes. Allocates nothing.
/// </summary>
internal ref struct StateWriter
{
    private readonly Span<byte> _destination;
    private readonly bool _measure;

    private StateWriter(Span<byte> destination, bool measure)
    {
        _destination = destination;
        _measure = measure;
    }

    /// <summary>The bytes written (or counted) so far.</summary>
    public int Position { get; private set; }

    /// <summary>A writer into <paramref name="destination"/>, which must be large enough.</summary>
    public static StateWriter Into(Span<byte> destination) => new(destination, measure: false);

    /// <summary>A writer that only counts.</summary>
    public static StateWriter Measure() => new(default, measure: true);

    public void WriteInt32(int value)
    {
        if (!_measure)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_destination[Position..], value);
        }

        Position += 4;
    }

    public void WriteInt64(long value)
    {
        if (!_measure)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_destination[Position..], value);
        }

        Position += 8;
    }

    public void WriteSingle(float value)
    {
        if (!_measure)
        {
            BinaryPrimitives.WriteSingleLittleEndian(_destination[Position..], value);
        }

        Position += 4;
    }

    public void WriteDouble(double value)
    {
        if (!_measure)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(_destination[Position..], value);
        }

        Position += 8;
    }

    public void WriteDoubles(ReadOnlySpan<double> values)
    {
        foreach (double value in values)
        {
            WriteDouble(value);
        }
    }

    public void WriteSingles(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            WriteSingle(value);
        }
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (!_measure)
        {
            bytes.CopyTo(_destination[Position..]);
        }

        Position += bytes.Length;
    }

    /// <summary>The span for the next <paramref name="length"/> bytes (empty when measuring), then skips them.</summary>
    public Span<byte> Reserve(int length)
    {
        var span = _measure ? Span<byte>.Empty : _destination.Slice(Position, length);
        Position += length;
        return span;
    }
}
