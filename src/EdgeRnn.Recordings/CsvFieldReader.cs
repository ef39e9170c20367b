namespace EdgeRnn.Recordings;

/// <summary>
/// The fields of one record, left to right, without allocating (RFC 4180): a field whose first character after spaces is
/// a double quote is quoted up to the closing quote and may hold the delimiter, line breaks and doubled quotes
/// (<c>""</c>); a quote anywhere else is an ordinary character. Use with <c>foreach</c> or <see cref="MoveNext"/>.
/// </summary>
public ref struct CsvFieldReader
{
    private readonly byte _delimiter;
    private ReadOnlySpan<byte> _rest;
    private bool _done;

    /// <summary>Starts reading a record.</summary>
    /// <param name="record">The record's UTF-8 bytes, without its line end.</param>
    /// <param name="dialect">The file's dialect.</param>
    public CsvFieldReader(ReadOnlySpan<byte> record, CsvDialect dialect)
    {
        _rest = record;
        _delimiter = dialect.Delimiter;
        _done = false;
        Current = default;
    }

    /// <summary>The field last read.</summary>
    public CsvField Current { get; private set; }

    /// <summary>The number of fields of a record (one more than its delimiters outside quotes).</summary>
    /// <param name="record">The record.</param>
    /// <param name="dialect">The file's dialect.</param>
    /// <returns>The count, at least 1.</returns>
    public static int Count(ReadOnlySpan<byte> record, CsvDialect dialect)
    {
        if (!record.Contains((byte)'"'))
        {
            return record.Count(dialect.Delimiter) + 1;
        }

        int count = 0;
        foreach (CsvField _ in new CsvFieldReader(record, dialect))
        {
            count++;
        }

        return count;
    }

    /// <summary>Every field's value as text (allocates).</summary>
    /// <param name="record">The record.</param>
    /// <param name="dialect">The file's dialect.</param>
    /// <returns>The values.</returns>
    public static string[] ReadAll(ReadOnlySpan<byte> record, CsvDialect dialect)
    {
        var fields = new string[Count(record, dialect)];
        int i = 0;
        foreach (CsvField field in new CsvFieldReader(record, dialect))
        {
            fields[i++] = field.ToString();
        }

        return fields;
    }

    /// <summary>Returns this reader, for <c>foreach</c>.</summary>
    /// <returns>This reader.</returns>
    public readonly CsvFieldReader GetEnumerator() => this;

    /// <summary>Reads the next field into <see cref="Current"/>.</summary>
    /// <returns>False after the last field.</returns>
    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        ReadOnlySpan<byte> span = TrimStart(_rest);
        if (span.IsEmpty || span[0] != (byte)'"')
        {
            int end = span.IndexOf(_delimiter);
            Current = new CsvField(TrimEnd(end < 0 ? span : span[..end]), default, quoted: false, escapes: false);
            Advance(span, end);
            return true;
        }

        int close = 1;
        bool escapes = false;
        while (true)
        {
            int quote = span[close..].IndexOf((byte)'"');
            if (quote < 0)
            {
                // No closing quote: the field runs to the end of the record.
                Current = new CsvField(span[1..], default, quoted: true, escapes);
                _done = true;
                return true;
            }

            close += quote;
            if (close + 1 < span.Length && span[close + 1] == (byte)'"')
            {
                escapes = true;
                close += 2;
                continue;
            }

            break;
        }

        ReadOnlySpan<byte> after = span[(close + 1)..];
        int next = after.IndexOf(_delimiter);
        ReadOnlySpan<byte> tail = Trim(next < 0 ? after : after[..next]);
        Current = new CsvField(span[1..close], tail, quoted: true, escapes);
        Advance(after, next);
        return true;
    }

    private void Advance(ReadOnlySpan<byte> span, int delimiterAt)
    {
        _done = delimiterAt < 0;
        _rest = _done ? default : span[(delimiterAt + 1)..];
    }

    private readonly ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> span) => Blanks.TrimStart(span, tabs: _delimiter != (byte)'\t');

    private readonly ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> span) => Blanks.TrimEnd(span, tabs: _delimiter != (byte)'\t');

    private readonly ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span) => TrimEnd(TrimStart(span));
}
