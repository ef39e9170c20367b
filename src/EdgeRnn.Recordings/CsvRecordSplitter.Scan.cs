using System.Buffers;

namespace EdgeRnn.Recordings;

/// <summary>Finding where a record ends: the first line feed, unless a quoted field comes before it.</summary>
public sealed partial class CsvRecordSplitter
{
    private static readonly SearchValues<byte> LineFeedOrQuote = SearchValues.Create("\n\""u8);

    /// <summary>The length of the record at the front of <paramref name="buffer"/> (without its line feed), or of what
    /// was scanned when its end is not there (then more than the limit when it is too long).</summary>
    private long FindEnd(in ReadOnlySequence<byte> buffer, out bool terminated, out int innerLines, out bool openQuote)
    {
        innerLines = 0;
        openQuote = false;
        long offset = 0;
        foreach (ReadOnlyMemory<byte> segment in buffer)
        {
            int found = segment.Span.IndexOfAny(LineFeedOrQuote);
            if (found >= 0)
            {
                if (segment.Span[found] == (byte)'"')
                {
                    return ScanQuoted(buffer, out terminated, out innerLines, out openQuote);
                }

                terminated = true;
                return offset + found;
            }

            offset += segment.Length;
        }

        terminated = false;
        return offset;
    }

    private static long FirstLineLength(in ReadOnlySequence<byte> buffer, out bool terminated)
    {
        SequencePosition? newline = buffer.PositionOf((byte)'\n');
        terminated = newline is not null;
        return newline is { } end ? buffer.Slice(0, end).Length : buffer.Length;
    }

    /// <summary>The slow path, byte by byte: a double quote opens a quoted field only at the start of a field (after
    /// spaces), a doubled quote inside one is a quote, and line feeds inside one belong to the record.</summary>
    private long ScanQuoted(in ReadOnlySequence<byte> buffer, out bool terminated, out int innerLines, out bool openQuote)
    {
        byte delimiter = Dialect is { } dialect ? dialect.Delimiter : (byte)0;
        bool fieldStart = true, quoted = false, closing = false;
        innerLines = 0;
        long offset = 0;
        foreach (ReadOnlyMemory<byte> segment in buffer)
        {
            foreach (byte b in segment.Span)
            {
                if (offset > _maxLength)
                {
                    terminated = false;
                    openQuote = quoted;
                    return offset;
                }

                offset++;
                if (quoted)
                {
                    if (!closing)
                    {
                        closing = b == (byte)'"';
                        innerLines += b == (byte)'\n' ? 1 : 0;
                        continue;
                    }

                    closing = false;
                    if (b == (byte)'"')
                    {
                        continue;
                    }

                    quoted = false;
                }

                if (b == (byte)'\n')
                {
                    terminated = true;
                    openQuote = false;
                    return offset - 1;
                }

                if (delimiter == 0 ? b is (byte)',' or (byte)';' or (byte)'\t' : b == delimiter)
                {
                    fieldStart = true;
                }
                else if (b == (byte)'"' && fieldStart)
                {
                    quoted = true;
                    fieldStart = false;
                }
                else if (b is not ((byte)' ' or (byte)'\t'))
                {
                    fieldStart = false;
                }
            }
        }

        terminated = false;
        openQuote = quoted && !closing;
        return offset;
    }
}
