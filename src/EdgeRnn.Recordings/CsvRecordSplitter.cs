using System.Buffers;

namespace EdgeRnn.Recordings;

/// <summary>
/// Cuts UTF-8 bytes into records without allocating: a record ends at a line feed outside double quotes (a quoted field
/// may hold line breaks; a quote left open at the end of the input or past the length limit was no quote, and its record
/// ends at its first line feed), a carriage return before it is dropped, a UTF-8 byte order mark at the start is skipped, and
/// blank lines and lines starting with '#' are skipped. The first record fixes the <see cref="Dialect"/> when none is set:
/// a <c>sep=;</c> line declares it (and is not returned), else <see cref="CsvDialect.Detect"/> picks it. A record longer
/// than the limit is dropped up to the end of its line as it streams in, so no more than one record is ever held.
/// </summary>
/// <remarks>
/// Used in a buffer loop, e.g. a PipeReader's: <c>TryRead(ref buffer, isCompleted, out record)</c> slices
/// <c>buffer</c> past what it consumed; the record is valid until the next call.
/// </remarks>
public sealed partial class CsvRecordSplitter
{
    /// <summary>The default longest record, in bytes (without its line end).</summary>
    public const int DefaultMaxRecordLength = 4096;

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private readonly int _maxLength;
    private byte[] _scratch;
    private bool _skipping;
    private bool _started;
    private long _nextLine = 1;

    /// <summary>Creates a splitter.</summary>
    /// <param name="maxRecordLength">The longest record in bytes, 16 to 1 GiB; longer ones are dropped.</param>
    /// <exception cref="ArgumentOutOfRangeException">The limit is out of range.</exception>
    public CsvRecordSplitter(int maxRecordLength = DefaultMaxRecordLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordLength, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRecordLength, 1 << 30);
        _maxLength = maxRecordLength;
        _scratch = new byte[Math.Min(maxRecordLength, 1 << 20)];
    }

    /// <summary>The dialect of the records; null until the first record fixes it. Set it to impose one, or back to null to
    /// detect it again from the next record.</summary>
    public CsvDialect? Dialect { get; set; }

    /// <summary>The 1-based line on which the last record returned starts.</summary>
    public long Line { get; private set; }

    /// <summary>The bytes dropped by the last call that returned <see cref="CsvSplit.TooLong"/> or <see cref="CsvSplit.Skipped"/>.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>The line on which the last record dropped for its length starts.</summary>
    internal long DroppedLine { get; private set; }

    /// <summary>Whether the last record returned opens a quote that never closes (before the end of the input or within
    /// the length limit): it was cut at its first line end, and its last field runs to the end of the record.</summary>
    public bool EndsInsideQuotes { get; private set; }

    /// <summary>Reads the next record from the front of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The unread bytes; sliced past what was consumed.</param>
    /// <param name="isCompleted">True when no more bytes follow: a last record without a line end is returned.</param>
    /// <param name="record">The record (without its line end) when the result is <see cref="CsvSplit.Record"/>.</param>
    /// <returns>What was found.</returns>
    public CsvSplit TryRead(scoped ref ReadOnlySequence<byte> buffer, bool isCompleted, out ReadOnlySpan<byte> record)
    {
        record = default;
        while (true)
        {
            if (!_started && !SkipByteOrderMark(ref buffer, isCompleted))
            {
                return CsvSplit.NeedMore;
            }

            if (buffer.IsEmpty)
            {
                _skipping &= !isCompleted;
                return CsvSplit.NeedMore;
            }

            if (_skipping)
            {
                DropLine(ref buffer, isCompleted);
                return CsvSplit.Skipped;
            }

            // The common case: the line end is in the first segment and no quote comes before it.
            ReadOnlySpan<byte> head = buffer.FirstSpan;
            int found = head.IndexOfAny(LineFeedOrQuote);
            if (found >= 0 && found <= _maxLength && head[found] == (byte)'\n')
            {
                record = head[..found];
                buffer = buffer.Slice(found + 1);
                Line = _nextLine++;
                if (Accept(ref record, unclosed: false))
                {
                    return CsvSplit.Record;
                }

                continue;
            }

            long length = FindEnd(buffer, out bool terminated, out int innerLines, out bool openQuote);
            bool unclosed = openQuote && (isCompleted || length > _maxLength);
            if (unclosed)
            {
                // A quote still open at the end of the input or past the length limit was no quote: the record is its
                // first line, so a stray quote costs one line.
                length = FirstLineLength(buffer, out terminated);
                innerLines = 0;
            }

            if (length > _maxLength)
            {
                DropLine(ref buffer, isCompleted);
                return CsvSplit.TooLong;
            }

            if (!terminated && !isCompleted)
            {
                return CsvSplit.NeedMore;
            }

            record = Flatten(buffer.Slice(0, length));
            buffer = buffer.Slice(terminated ? length + 1 : length);
            Line = _nextLine;
            _nextLine += innerLines + (terminated ? 1 : 0);
            if (Accept(ref record, unclosed))
            {
                return CsvSplit.Record;
            }
        }
    }

    /// <summary>Drops a carriage return; false for a blank, comment or <c>sep=</c> line; fixes the dialect on the first record.</summary>
    private bool Accept(ref ReadOnlySpan<byte> text, bool unclosed)
    {
        if (!text.IsEmpty && text[^1] == (byte)'\r')
        {
            text = text[..^1];
        }

        if (IsBlankOrComment(text))
        {
            return false;
        }

        if (Dialect is null)
        {
            if (CsvDialect.TryParseDeclaration(text, out CsvDialect declared))
            {
                Dialect = declared;
                return false;
            }

            Dialect = CsvDialect.Detect(text);
        }

        EndsInsideQuotes = unclosed;
        return true;
    }

    private bool SkipByteOrderMark(ref ReadOnlySequence<byte> buffer, bool isCompleted)
    {
        Span<byte> head = stackalloc byte[3];
        int have = (int)Math.Min(3, buffer.Length);
        buffer.Slice(0, have).CopyTo(head);
        if (!ByteOrderMark.StartsWith(head[..have]))
        {
            _started = true;
            return true;
        }

        if (have < 3)
        {
            // A prefix of the mark, or the whole input.
            _started = isCompleted;
            return isCompleted;
        }

        buffer = buffer.Slice(3);
        _started = true;
        return true;
    }

    /// <summary>Drops bytes up to and including the next line feed (or all of them), for a record too long to keep.</summary>
    private void DropLine(ref ReadOnlySequence<byte> buffer, bool isCompleted)
    {
        DroppedLine = _skipping ? DroppedLine : _nextLine;
        SequencePosition? newline = buffer.PositionOf((byte)'\n');
        if (newline is { } end)
        {
            ReadOnlySequence<byte> rest = buffer.Slice(buffer.GetPosition(1, end));
            SkippedBytes = buffer.Length - rest.Length;
            buffer = rest;
            _nextLine++;
            _skipping = false;
            return;
        }

        SkippedBytes = buffer.Length;
        buffer = buffer.Slice(buffer.End);
        _skipping = !isCompleted;
    }

    private ReadOnlySpan<byte> Flatten(scoped in ReadOnlySequence<byte> text)
    {
        if (text.IsSingleSegment)
        {
            return text.FirstSpan;
        }

        if (_scratch.Length < text.Length)
        {
            _scratch = new byte[(int)Math.Min(Math.Max(text.Length, 2L * _scratch.Length), _maxLength)];
        }

        text.CopyTo(_scratch);
        return _scratch.AsSpan(0, (int)text.Length);
    }

    private static bool IsBlankOrComment(ReadOnlySpan<byte> text)
    {
        text = Blanks.TrimStart(text, tabs: true);
        return text.IsEmpty || text[0] == (byte)'#';
    }
}
