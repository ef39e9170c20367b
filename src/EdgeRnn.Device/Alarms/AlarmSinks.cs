using EdgeRnn.Device.Alarms.Mqtt;

namespace EdgeRnn.Device.Alarms;

/// <summary>Opens the sink an <see cref="AlarmSpec"/> describes.</summary>
internal static class AlarmSinks
{
    /// <summary>Creates the sink for one <c>--alarm</c> spec.</summary>
    /// <param name="spec">The parsed spec.</param>
    /// <param name="console">Where console lines go (usually <see cref="Console.Out"/>); also the MQTT output's log, written from its background task.</param>
    /// <param name="standardOutput">The process's standard output as a stream, for json without a path.</param>
    /// <param name="openLine">Opens a GPIO line for a gpio spec (the hardware layer's implementation).</param>
    /// <returns>The sink; the caller disposes it.</returns>
    /// <exception cref="IOException">A file or line cannot be opened.</exception>
    public static IAlarmSink Create(AlarmSpec spec, TextWriter console, Stream standardOutput, Func<GpioAlarmSpec, IAlarmLine> openLine)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(standardOutput);
        ArgumentNullException.ThrowIfNull(openLine);
        return spec switch
        {
            ConsoleAlarmSpec => new ConsoleAlarmSink(console),
            JsonAlarmSpec { Path: null } => new JsonLinesAlarmSink(standardOutput, ownsStream: false),
            JsonAlarmSpec json => JsonLinesAlarmSink.OpenFile(json.Path),
            GpioAlarmSpec gpio => new LineAlarmSink(openLine(gpio), ownsLine: true),
            MqttAlarmSpec mqtt => new MqttAlarmSink(mqtt, console),
            _ => throw new ArgumentException($"Expected an alarm spec of the forms {AlarmSpec.Forms}; found {spec.GetType().Name}.", nameof(spec)),
        };
    }
}
