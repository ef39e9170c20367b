namespace EdgeRnn.Runtime.Tests.Format;

/// <summary>A read-only stream that hands out at most <c>chunk</c> bytes per read and may lie about its length.</summary>
internal sealed class TricklingStream(byte[] data, int chunk, long? claimedLength = null) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => claimedLength is not null;

    public override bool CanWrite => false;

    public override long Length => claimedLength ?? throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, chunk), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
