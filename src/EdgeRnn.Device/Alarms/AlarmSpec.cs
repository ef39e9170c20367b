using System.Globalization;

namespace EdgeRnn.Device.Alarms;

/// <summary>
/// One <c>--alarm</c> output: <c>console</c>, <c>json</c> (standard output), <c>json:&lt;path&gt;</c> or
/// <c>gpio:&lt;chip&gt;:&lt;line&gt;[:active-low]</c>, where chip is a number (<c>0</c> for /dev/gpiochip0) or a path.
/// </summary>
internal abstract record AlarmSpec
{
    /// <summary>The accepted forms, for error messages and help.</summary>
    public const string Forms = "console, json, json:<path> or gpio:<chip>:<line>[:active-low]";

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

        throw new FormatException($"Expected --alarm {Forms}; found '{text}'.");
    }
}

/// <summary>Human-readable lines on standard output.</summary>
internal sealed record ConsoleAlarmSpec : AlarmSpec;

/// <summary>JSON lines to a file, or to standard output when <paramref name="Path"/> is null.</summary>
/// <param name="Path">The file to append to, or null for standard output.</param>
internal sealed record JsonAlarmSpec(string? Path) : AlarmSpec;

/// <summary>A GPIO output line driven active while an alarm is active.</summary>
/// <param name="ChipPath">The GPIO character device, e.g. /dev/gpiochip0.</param>
/// <param name="Line">The line offset on that chip, ≥ 0.</param>
/// <param name="ActiveLow">Whether active means a low level.</param>
internal sealed record GpioAlarmSpec(string ChipPath, int Line, bool ActiveLow) : AlarmSpec
{
    internal static GpioAlarmSpec ParseBody(string text)
    {
        const string Expected = "Expected --alarm gpio:<chip>:<line>[:active-low] (chip a number or a /dev path, line a number ≥ 0)";
        string body = text["gpio:".Length..];
        bool activeLow = false;
        if (body.EndsWith(":active-low", StringComparison.Ordinal))
        {
            activeLow = true;
            body = body[..^":active-low".Length];
        }

        int colon = body.LastIndexOf(':');
        if (colon <= 0)
        {
            throw new FormatException($"{Expected}; found '{text}'.");
        }

        string chip = body[..colon];
        string line = body[(colon + 1)..];
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int offset))
        {
            throw new FormatException($"{Expected}; found line '{line}' in '{text}'.");
        }

        string chipPath;
        if (int.TryParse(chip, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            chipPath = "/dev/gpiochip" + number.ToString(CultureInfo.InvariantCulture);
        }
        else if (chip.StartsWith('/') && !chip.Contains(':', StringComparison.Ordinal))
        {
            chipPath = chip;
        }
        else
        {
            throw new FormatException($"{Expected}; found chip '{chip}' in '{text}'.");
        }

        return new GpioAlarmSpec(chipPath, offset, activeLow);
    }
}
