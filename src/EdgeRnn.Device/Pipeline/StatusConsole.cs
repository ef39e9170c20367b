using System.Text;

namespace EdgeRnn.Device.Pipeline;

/// <summary>
/// The human output of a run (events, warnings, the status line), shared by the sample loop and the status thread. Writes
/// are serialised; in live mode a status line is drawn in place (carriage return, erase to end of line) and any other write
/// first erases it, so event lines never mix with it; the next status tick draws it again.
/// </summary>
internal sealed class StatusConsole : TextWriter
{
    private const string EraseLine = "\r\u001b[K";
    private readonly TextWriter _inner;
    private readonly Lock _gate = new();
    private bool _statusShown;

    /// <summary>Wraps a writer (not disposed with this one).</summary>
    /// <param name="inner">The terminal or log.</param>
    public StatusConsole(TextWriter inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <inheritdoc/>
    public override Encoding Encoding => _inner.Encoding;

    /// <summary>Draws the status line in place (live mode).</summary>
    /// <param name="status">One line of text without a newline.</param>
    public void ShowStatus(string status)
    {
        lock (_gate)
        {
            _inner.Write(EraseLine);
            _inner.Write(status);
            _inner.Flush();
            _statusShown = true;
        }
    }

    /// <summary>Erases the status line if it is shown.</summary>
    public void ClearStatus()
    {
        lock (_gate)
        {
            HideStatus();
            _inner.Flush();
        }
    }

    /// <inheritdoc/>
    public override void Write(char value)
    {
        lock (_gate)
        {
            HideStatus();
            _inner.Write(value);
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        lock (_gate)
        {
            HideStatus();
            _inner.Write(value);
        }
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            HideStatus();
            _inner.WriteLine(value);
            _inner.Flush();
        }
    }

    /// <inheritdoc/>
    public override void Flush()
    {
        lock (_gate)
        {
            _inner.Flush();
        }
    }

    private void HideStatus()
    {
        if (_statusShown)
        {
            _inner.Write(EraseLine);
            _statusShown = false;
        }
    }
}
