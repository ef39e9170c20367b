using EdgeRnn.Device.Alarms;

namespace EdgeRnn.Device.Metrics;

/// <summary>Feeds alarm events into the metrics: alarms raised, alarm active, sensor faults, change points by direction.</summary>
internal sealed class MetricsAlarmSink : IAlarmSink
{
    private readonly DeviceMetrics _metrics;

    /// <summary>Creates a sink updating <paramref name="metrics"/>.</summary>
    /// <param name="metrics">The device's metrics.</param>
    public MetricsAlarmSink(DeviceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
    }

    /// <inheritdoc/>
    public void OnEvent(in AlarmEvent alarm)
    {
        switch (alarm.Kind)
        {
            case AlarmKind.Raised:
                _metrics.AlarmRaised();
                break;
            case AlarmKind.Cleared:
                _metrics.AlarmCleared();
                break;
            case AlarmKind.SensorFault:
                _metrics.SensorFault();
                break;
            case AlarmKind.ChangePoint:
                _metrics.ChangePoint(alarm.ChangePoint);
                break;
        }
    }

    /// <inheritdoc/>
    public void Flush()
    {
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
