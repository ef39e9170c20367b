using System.Text;

namespace EdgeRnn.Recordings;

/// <summary>
/// One field of a record, as <see cref="CsvFieldReader"/> found it: spaces around it trimmed (and tabs, in a file that
/// is not tab-separated), the double quotes of a quoted field removed. Its <see cref="Text"/> is the field's value unless
/// it holds a doubled quote (<c>"say ""hi"""</c>) or text after its closing quote, which <see cref="ToString"/> resolves.
/// </summary>
public readonly ref struct CsvField
{
    internal CsvField(ReadOnlySpan<byte> text, ReadOnlySpan<byte> tail, bool quoted, bool escapes)
    {
        Text = text;
        Tail = tail;
        IsQuoted = quoted;
        HasEscapedQuotes = escapes;
    }

    /// <summary>The field's bytes: the whole value when <see cref="IsVerbatim"/>.</summary>
    public ReadOnlySpan<byte> Text { get; }

    /// <summary>Whether the field was in double quotes.</summary>
    public bool IsQuoted { get; }

    /// <summary>Whether <see cref="Text"/> is the value (no doubled quote, nothing after the closing quote).</summary>
    public bool IsVerbatim => !HasEscapedQuotes && Tail.IsEmpty;

    /// <summary>Whether the field is empty or only spaces (also <c>""</c>).</summary>
    public bool IsEmpty => Text.IndexOfAnyExcept(" \t"u8) < 0 && Tail.IsEmpty;

    private ReadOnlySpan<byte> Tail { get; }

    private bool HasEscapedQuotes { get; }

    /// <summary>Parses the field as a number (<see cref="RecordingCells.ParseNumber(ReadOnlySpan{byte}, CsvDialect, out double)"/>).</summary>
    /// <param name="dialect">The file's dialect (decimal commas in ';' and tab files).</param>
    /// <param name="value">The value; NaN for an empty field or text.</param>
    /// <returns>What the field holds.</returns>
    public CellKind ParseNumber(CsvDialect dialect, out double value)
    {
        if (IsVerbatim)
        {
            return RecordingCells.ParseNumber(Text, dialect, out value);
        }

        value = double.NaN;
        return CellKind.Text;
    }

    /// <summary>Parses the field as a number (<see cref="RecordingCells.ParseNumber(ReadOnlySpan{byte}, CsvDialect, out float)"/>).</summary>
    /// <param name="dialect">The file's dialect (decimal commas in ';' and tab files).</param>
    /// <param name="value">The value; NaN for an empty field or text.</param>
    /// <returns>What the field holds.</returns>
    public CellKind ParseNumber(CsvDialect dialect, out float value)
    {
        if (IsVerbatim)
        {
            return RecordingCells.ParseNumber(Text, dialect, out value);
        }

        value = float.NaN;
        return CellKind.Text;
    }

    /// <summary>Parses the field as a timestamp (<see cref="RecordingTime.TryParse(ReadOnlySpan{byte}, out long)"/>).</summary>
    /// <param name="unixMicroseconds">Microseconds since 1970-01-01T00:00:00Z.</param>
    /// <returns>False when the field is not a timestamp.</returns>
    public bool TryParseTimestamp(out long unixMicroseconds)
    {
        unixMicroseconds = 0;
        return IsVerbatim && RecordingTime.TryParse(Text, out unixMicroseconds);
    }

    /// <summary>The field's value as text (allocates).</summary>
    /// <returns>The value, doubled quotes made single.</returns>
    public override string ToString()
    {
        if (IsVerbatim)
        {
            return Encoding.UTF8.GetString(Text);
        }

        string text = Encoding.UTF8.GetString(Text);
        return (HasEscapedQuotes ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text) + Encoding.UTF8.GetString(Tail);
    }
}
