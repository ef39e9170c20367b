using EdgeRnn.Device.Hardware.Gpio;

namespace EdgeRnn.Device.Alarms;

/// <summary>An alarm line on a real GPIO chip (Linux GPIO character device, uAPI v2), held for the life of the run and
/// driven inactive and released on dispose.</summary>
internal sealed class GpioAlarmLine : IAlarmLine, IDisposable
{
    private readonly GpioOutputLine _line;

    private GpioAlarmLine(GpioOutputLine line) => _line = line;

    /// <summary>Where the line is, for logs.</summary>
    public string Description => _line.Description;

    /// <summary>Requests the line a <c>--alarm gpio:</c> spec names, as an output driven inactive.</summary>
    /// <param name="spec">The parsed spec.</param>
    /// <returns>The held line.</returns>
    /// <exception cref="IOException">The chip cannot be opened, or the line does not exist or is busy.</exception>
    public static GpioAlarmLine Open(GpioAlarmSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new GpioAlarmLine(GpioOutputLine.Open(spec.Line));
    }

    /// <inheritdoc/>
    public void Set(bool active) => _line.Set(active);

    /// <inheritdoc/>
    public void Dispose() => _line.Dispose();
}
