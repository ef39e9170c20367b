using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace EdgeRnn.Recordings;

/// <summary>
/// Reads a recording file or stream record by record through a <see cref="CsvRecordSplitter"/>, as the trainer's
/// commands do (the board's sources run the same splitter over their pipes). Text is UTF-8; UTF-16 and UTF-32 text
/// with a byte order mark is converted; <see cref="Open"/> also decompresses a <c>.gz</c> file.
/// </summary>
public sealed class CsvReader : IDisposable
{
    /// <summary>The longest record a file may hold, in bytes.</summary>
    public const int MaxRecordLength = 16 << 20;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly CsvRecordSplitter _splitter = new(MaxRecordLength);
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _started;
    private bool _endOfStream;

    /// <summary>Creates a reader over a stream.</summary>
    /// <param name="stream">The recording's bytes.</param>
    /// <param name="name">The file name used in messages.</param>
    /// <param name="leaveOpen">True to leave the stream open on <see cref="Dispose"/>.</param>
    public CsvReader(Stream stream, string name, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        _stream = stream;
        Name = name;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The file name used in messages.</summary>
    public string Name { get; }

    /// <summary>The dialect, fixed by the first record (<see cref="CsvDialect.Comma"/> before it).</summary>
    public CsvDialect Dialect => _splitter.Dialect ?? CsvDialect.Comma;

    /// <summary>The 1-based line on which the last record read starts.</summary>
    public long Line => _splitter.Line;

    /// <summary>Opens a file: plain, or gzip-compressed when its name ends with <c>.gz</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="name">The name used in messages; the path when null.</param>
    /// <returns>The reader, owning the file.</returns>
    /// <exception cref="IOException">The file cannot be opened (<see cref="FileNotFoundException"/> when it does not exist).</exception>
    public static CsvReader Open(string path, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new CsvReader(stream, name ?? path);
    }

    /// <summary>Reads the next record (blank lines, '#' lines and a <c>sep=</c> line are skipped).</summary>
    /// <param name="record">The record's UTF-8 bytes, valid until the next call; split it with <see cref="CsvFieldReader"/>
    /// and <see cref="Dialect"/>.</param>
    /// <returns>False at the end of the text.</returns>
    /// <exception cref="CsvFormatException">A quoted field is not closed, or a record is longer than
    /// <see cref="MaxRecordLength"/>.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public bool TryRead(out ReadOnlySpan<byte> record)
    {
        while (true)
        {
            var buffer = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
            CsvSplit split = _splitter.TryRead(ref buffer, _endOfStream, out record);
            _start = _end - (int)buffer.Length;
            switch (split)
            {
                case CsvSplit.Record when _splitter.EndsInsideQuotes:
                    throw new CsvFormatException(Name, Line, "Expected a closing quote (\") for a quoted field; found the end of the file.");
                case CsvSplit.Record:
                    return true;
                case CsvSplit.TooLong or CsvSplit.Skipped:
                    throw new CsvFormatException(Name, _splitter.DroppedLine, $"Expected records of at most {MaxRecordLength:N0} bytes; found a longer one (a quoted field that is never closed?).");
                case CsvSplit.NeedMore when _endOfStream:
                    return false;
                default:
                    Fill();
                    break;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read = _started ? _stream.Read(_buffer, _end, _buffer.Length - _end) : _stream.ReadAtLeast(_buffer.AsSpan(_end), 4, throwOnEndOfStream: false);
        _end += read;
        _endOfStream = read == 0;
        if (!_started)
        {
            _started = true;
            ConvertWideText();
        }
    }

    /// <summary>UTF-16 and UTF-32 text (a spreadsheet's "Unicode text") is read whole and converted to UTF-8.</summary>
    private void ConvertWideText()
    {
        ReadOnlySpan<byte> head = _buffer.AsSpan(0, _end);
        Encoding? encoding = head switch
        {
            [0xFF, 0xFE, 0, 0, ..] => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
            [0, 0, 0xFE, 0xFF, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
            [0xFF, 0xFE, ..] => Encoding.Unicode,
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
            _ => null,
        };
        if (encoding is null)
        {
            return;
        }

        using var all = new MemoryStream();
        all.Write(head);
        _stream.CopyTo(all);
        int mark = encoding.GetPreamble().Length;
        _buffer = Encoding.UTF8.GetBytes(encoding.GetString(all.GetBuffer(), mark, (int)all.Length - mark));
        _end = _buffer.Length;
        _endOfStream = true;
    }
}
