using System.Globalization;
using System.Text;

namespace EdgeRnn.Device.Alarms;

/// <summary>Writes one human-readable line per event, e.g. <c>2026-11-22T05:01:02.345Z ALARM RAISED sample 1234 score 0.9991 top: vibration 41.2, current 3.1</c>
/// or <c>2026-11-22T05:01:02.345Z CHANGE POINT up sample 1234 score 0.8812 top: vibration 41.2, current 3.1</c>.</summary>
internal sealed class ConsoleAlarmSink : IAlarmSink
{
    private readonly TextWriter _writer;

    /// <summary>Creates a sink writing to <paramref name="writer"/> (not disposed by the sink).</summary>
    /// <param name="writer">Usually <see cref="Console.Out"/>.</param>
    public ConsoleAlarmSink(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    /// <summary>The line written for an event, without a newline.</summary>
    /// <param name="alarm">The event.</param>
    /// <returns>The text.</returns>
    public static string Format(in AlarmEvent alarm)
    {
        var text = new StringBuilder(128);
        var culture = CultureInfo.InvariantCulture;
        text.Append(alarm.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", culture));
        text.Append(alarm.Kind switch
        {
            AlarmKind.Raised => " ALARM RAISED ",
            AlarmKind.Cleared => " alarm cleared ",
            AlarmKind.SensorFault => " SENSOR FAULT ",
            AlarmKind.SensorRecovered => " sensor recovered ",
            _ => " CHANGE POINT " + alarm.ChangePoint.WireName() + " ",
        });
        text.Append(culture, $"sample {alarm.SampleIndex} score {alarm.Score:0.0000}");
        var channels = alarm.Channels;
        if (alarm.Kind is AlarmKind.SensorFault or AlarmKind.SensorRecovered)
        {
            if (channels.Count > 0)
            {
                text.Append(culture, $" channel {channels[0].Name} (#{channels[0].Channel})");
            }
        }
        else if (channels.Count > 0)
        {
            text.Append(" top:");
            for (int i = 0; i < channels.Count; i++)
            {
                text.Append(culture, $"{(i == 0 ? " " : ", ")}{channels[i].Name} {channels[i].Contribution:0.###}");
            }
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public void OnEvent(in AlarmEvent alarm) => _writer.WriteLine(Format(alarm));

    /// <inheritdoc/>
    public void Flush() => _writer.Flush();

    /// <inheritdoc/>
    public void Dispose() => _writer.Flush();
}
