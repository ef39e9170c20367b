using EdgeRnn.Device.Metrics;

namespace EdgeRnn.Device.Scores;

/// <summary>
/// Writes the <c>--scores</c> file (<see cref="ScoresCsv"/>) off the sample loop: the loop <see cref="Add">adds</see> one
/// <see cref="ScoreRow"/> per sample to a bounded <see cref="ScoreRing"/> (no lock, no allocation); a background thread
/// takes the rows, formats them into a 64 KiB buffer and writes it whenever it is full or the ring is empty. Every write
/// ends at the end of a row, so the file is readable CSV at any moment, also after a run that was killed (only the rows
/// not yet written are missing). When the ring is full the loop waits or drops the row (<see cref="ScoresOverflow"/>).
/// <see cref="Dispose"/> writes the remaining rows, flushes to disk and closes the file. A write that fails stops the
/// writing (<see cref="Error"/>); the rows from then on are dropped, and the run goes on.
/// </summary>
internal sealed class ScoresWriter : IDisposable
{
    /// <summary>The ring's default capacity in rows (16 bytes each: 256 KiB).</summary>
    public const int DefaultCapacity = 16 * 1024;

    private const int BufferBytes = 64 * 1024;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);

    private readonly Stream _stream;
    private readonly ScoreRing _ring;
    private readonly DeviceMetrics? _metrics;
    private readonly Thread _thread;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private readonly ScoreRow[] _batch = new ScoreRow[256];
    private int _buffered;
    private int _bufferedRows;
    private int _pendingRows;
    private long _written;
    private long _lost;
    private Exception? _error;
    private bool _disposed;

    /// <summary>Writes the header, then starts the writing thread.</summary>
    /// <param name="stream">Where to write; owned and disposed by the writer.</param>
    /// <param name="overflow">What <see cref="Add"/> does when the writer is a whole ring behind.</param>
    /// <param name="metrics">Counts dropped rows, or null.</param>
    /// <param name="capacity">The ring's capacity in rows, a power of two ≥ 2.</param>
    /// <exception cref="IOException">The header cannot be written.</exception>
    public ScoresWriter(Stream stream, ScoresOverflow overflow, DeviceMetrics? metrics = null, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _ring = new ScoreRing(capacity);
        Overflow = overflow;
        _metrics = metrics;
        _stream.Write(ScoresCsv.Header);
        _stream.Flush();
        _thread = new Thread(Run) { IsBackground = true, Name = "edgernn-scores" };
        _thread.Start();
    }

    /// <summary>What <see cref="Add"/> does when the writer is a whole ring behind.</summary>
    public ScoresOverflow Overflow { get; }

    /// <summary>Rows written to the file so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Rows dropped because the writer was behind a live source, or lost when it failed.</summary>
    public long Dropped => _ring.Dropped + Interlocked.Read(ref _lost);

    /// <summary>Times the sample loop waited for the writer (<see cref="ScoresOverflow.Wait"/>).</summary>
    public long Waits => _ring.Waits;

    /// <summary>The error that stopped the writing, or null.</summary>
    public Exception? Error => Volatile.Read(ref _error);

    /// <summary>Creates (or truncates) a file and writes the scores to it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="overflow">What <see cref="Add"/> does when the writer is a whole ring behind.</param>
    /// <param name="metrics">Counts dropped rows, or null.</param>
    /// <returns>The writer, owning the file.</returns>
    /// <exception cref="IOException">The file cannot be created or written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public static ScoresWriter Open(string path, ScoresOverflow overflow, DeviceMetrics? metrics = null)
    {
        // Unbuffered: the writer's own buffer holds whole rows, so each write(2) ends at a row's end.
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        try
        {
            return new ScoresWriter(stream, overflow, metrics);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Records one sample's row (the sample loop's thread only). Allocates nothing.</summary>
    /// <param name="row">The row.</param>
    /// <returns>False when the row was dropped.</returns>
    public bool Add(in ScoreRow row)
    {
        if (_ring.TryAdd(row, Overflow))
        {
            return true;
        }

        _metrics?.ScoreRowsDropped();
        return false;
    }

    /// <summary>Writes every row added so far, flushes the file to disk and closes it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _ring.Complete();
        _thread.Join();
        _ring.Dispose();
        _stream.Dispose();
    }

    private void Run()
    {
        try
        {
            while (true)
            {
                bool completed = _ring.IsCompleted;
                int taken = _ring.Take(_batch);
                if (taken > 0)
                {
                    _pendingRows = taken;
                    Append(_batch.AsSpan(0, taken));
                    continue;
                }

                WriteBuffered();
                if (completed)
                {
                    break;
                }

                _ring.WaitForRows(Idle);
            }

            if (_stream is FileStream file)
            {
                file.Flush(flushToDisk: true);
            }
            else
            {
                _stream.Flush();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            Volatile.Write(ref _error, e);
            long lost = _bufferedRows + _pendingRows + _ring.Close();
            Interlocked.Add(ref _lost, lost);
            _metrics?.ScoreRowsDropped(lost);
        }
    }

    private void Append(ReadOnlySpan<ScoreRow> rows)
    {
        foreach (ref readonly ScoreRow row in rows)
        {
            if (BufferBytes - _buffered < ScoresCsv.MaxRowBytes)
            {
                WriteBuffered();
            }

            _buffered += ScoresCsv.Format(row, _buffer.AsSpan(_buffered));
            _bufferedRows++;
            _pendingRows--;
        }
    }

    private void WriteBuffered()
    {
        if (_buffered == 0)
        {
            return;
        }

        _stream.Write(_buffer, 0, _buffered);
        _buffered = 0;
        Interlocked.Add(ref _written, _bufferedRows);
        _bufferedRows = 0;
    }
}
