namespace EdgeRnn.Benchmarks;

/// <summary>A CSV file read for ever: at its end it seeks back to its first data row (after the header), so a benchmark
/// can replay a recording through a real file as many times as it needs.</summary>
internal sealed class RewindingFile : Stream
{
    private readonly FileStream _file;
    private readonly long _dataStart;

    public RewindingFile(string path)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        int b;
        while ((b = _file.ReadByte()) >= 0 && b != '\n')
        {
        }

        _dataStart = _file.Position;
        _file.Position = 0;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = _file.Read(buffer);
        if (read == 0 && buffer.Length > 0)
        {
            _file.Position = _dataStart;
            read = _file.Read(buffer);
        }

        return read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }

        base.Dispose(disposing);
    }
}
