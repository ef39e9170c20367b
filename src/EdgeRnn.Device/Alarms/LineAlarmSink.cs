namespace EdgeRnn.Device.Alarms;

/// <summary>
/// Drives an output line (a GPIO line on the board): active while the anomaly alarm is raised or any channel is faulted,
/// inactive otherwise. The line is driven inactive at creation and again at disposal; it is disposed with the sink when it
/// is <see cref="IDisposable"/> and owned.
/// </summary>
internal sealed class LineAlarmSink : IAlarmSink
{
    private readonly IAlarmLine _line;
    private readonly bool _ownsLine;
    private readonly HashSet<int> _faulted = [];
    private bool _anomaly;
    private bool _driven;
    private bool _disposed;

    /// <summary>Creates a sink and drives the line inactive.</summary>
    /// <param name="line">The line.</param>
    /// <param name="ownsLine">Whether disposing the sink disposes the line (when it is disposable).</param>
    /// <exception cref="IOException">The line could not be driven.</exception>
    public LineAlarmSink(IAlarmLine line, bool ownsLine = true)
    {
        ArgumentNullException.ThrowIfNull(line);
        _line = line;
        _ownsLine = ownsLine;
        _line.Set(false);
    }

    /// <summary>Whether the line is driven active.</summary>
    public bool IsActive => _driven;

    /// <inheritdoc/>
    public void OnEvent(in AlarmEvent alarm)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        switch (alarm.Kind)
        {
            case AlarmKind.Raised:
                _anomaly = true;
                break;
            case AlarmKind.Cleared:
                _anomaly = false;
                break;
            case AlarmKind.SensorFault when alarm.Channels.Count > 0:
                _faulted.Add(alarm.Channels[0].Channel);
                break;
            case AlarmKind.SensorRecovered when alarm.Channels.Count > 0:
                _faulted.Remove(alarm.Channels[0].Channel);
                break;
        }

        bool active = _anomaly || _faulted.Count > 0;
        if (active != _driven)
        {
            _line.Set(active);
            _driven = active;
        }
    }

    /// <inheritdoc/>
    public void Flush()
    {
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _line.Set(false);
            _driven = false;
        }
        finally
        {
            if (_ownsLine && _line is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }
}
