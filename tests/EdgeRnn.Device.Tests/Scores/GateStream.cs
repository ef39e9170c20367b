namespace EdgeRnn.Device.Tests.Scores;

/// <summary>A memory stream whose writes block while the gate is closed, or fail once <see cref="Fail"/> is set: a slow or broken disk.</summary>
internal sealed class GateStream : MemoryStream
{
    private readonly ManualResetEventSlim _open = new(true);

    public bool Fail { get; set; }

    public void Block() => _open.Reset();

    public void Release() => _open.Set();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Gate();
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Gate();
        base.Write(buffer.ToArray(), 0, buffer.Length);
    }

    private void Gate()
    {
        _open.Wait();
        if (Fail)
        {
            throw new IOException("No space left on device");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _open.Dispose();
        }

        base.Dispose(disposing);
    }
}
