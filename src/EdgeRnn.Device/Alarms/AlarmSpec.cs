using EdgeRnn.Device.Alarms.Mqtt;
using EdgeRnn.Device.Hardware.Gpio;

namespace EdgeRnn.Device.Alarms;

/// <summary>
/// One <c>--alarm</c> output: <c>console</c>, <c>json</c> (standard output), <c>json:&lt;path&gt;</c> or
/// <c>gpio:&lt;chip&gt;:&lt;line&gt;[:active-low]</c> (<see cref="GpioLineSpec"/>: chip a number, name or path; line a number or a name)
/// or <c>mqtt://host[:port]/&lt;topic-prefix&gt;[?…]</c> (<see cref="MqttAlarmSpec"/>).
/// </summary>
internal abstract record AlarmSpec
{
    /// <summary>The accepted forms, for error messages and help.</summary>
    public const string Forms = "console, json, json:<path>, gpio:<chip>:<line>[:active-low] or mqtt://host[:port]/<topic-prefix>[?...]";

    /// <summary>Parses an <c>--alarm</c> value.</summary>
    /// <param name="text">The value.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="FormatException">The value is not one of the accepted forms; the message says what was found.</exception>
    public static AlarmSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "console")
        {
            return new ConsoleAlarmSpec();
        }

        if (text == "json")
        {
            return new JsonAlarmSpec(null);
        }

        if (text.StartsWith("json:", StringComparison.Ordinal))
        {
            string path = text["json:".Length..];
            return path.Length == 0 || path.AsSpan().ContainsAny('\0', '\n')
                ? throw new FormatException($"Expected --alarm json:<path> with a file path; found '{text}'.")
                : new JsonAlarmSpec(path);
        }

        if (text.StartsWith("gpio:", StringComparison.Ordinal))
        {
            return GpioAlarmSpec.ParseBody(text);
        }

        if (text.StartsWith(MqttAlarmSpec.Scheme, StringComparison.Ordinal))
        {
            return MqttAlarmSpec.ParseBody(text);
        }

        throw new FormatException($"Expected --alarm {Forms}; found '{text}'.");
    }
}

/// <summary>Human-readable lines on standard output.</summary>
internal sealed record ConsoleAlarmSpec : AlarmSpec;

/// <summary>JSON lines to a file, or to standard output when <paramref name="Path"/> is null.</summary>
/// <param name="Path">The file to append to, or null for standard output.</param>
internal sealed record JsonAlarmSpec(string? Path) : AlarmSpec;

/// <summary>A GPIO output line driven active while an alarm is active.</summary>
/// <param name="Line">Where the line is: chip, line number or name, polarity.</param>
internal sealed record GpioAlarmSpec(GpioLineSpec Line) : AlarmSpec
{
    internal static GpioAlarmSpec ParseBody(string text) =>
        GpioLineSpec.TryParse(text, out var line, out string? why)
            ? new GpioAlarmSpec(line)
            : throw new FormatException($"Expected --alarm {GpioLineSpec.Shape}; found '{text}': {why}.");
}
