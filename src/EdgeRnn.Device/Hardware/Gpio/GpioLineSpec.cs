using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>Where a GPIO line is, parsed from <c>gpio:&lt;chip&gt;:&lt;line&gt;[:active-low]</c>.</summary>
/// <param name="ChipPath">The chip's device file: <c>/dev/gpiochipN</c> for a chip number or name, or the path given.</param>
/// <param name="LineNumber">The line offset, or -1 when the line is given by name.</param>
/// <param name="LineName">The line name (for example <c>ALARM</c> or <c>GPIO17</c>), or null when given by number.</param>
/// <param name="ActiveLow">True when the spec ends in <c>:active-low</c>.</param>
internal sealed record GpioLineSpec(string ChipPath, int LineNumber, string? LineName, bool ActiveLow)
{
    private const string Prefix = "gpio:";
    private const string ActiveLowSuffix = "active-low";

    /// <summary>The accepted shape, for messages.</summary>
    public const string Shape = "gpio:<chip>:<line>[:active-low] (chip: a number, a name such as gpiochip0, or a /dev path; line: a number or a line name such as GPIO17)";

    /// <summary>Parses a spec: chip = number (<c>0</c>), name (<c>gpiochip0</c>) or path (<c>/dev/gpiochip4</c>);
    /// line = offset (<c>17</c>) or name (<c>GPIO17</c>, <c>ALARM</c>).</summary>
    /// <param name="spec">For example <c>gpio:0:17</c>, <c>gpio:gpiochip0:ALARM:active-low</c>.</param>
    /// <returns>The parsed spec.</returns>
    /// <exception cref="FormatException">The spec does not have that shape.</exception>
    public static GpioLineSpec Parse(string spec) =>
        TryParse(spec, out var parsed, out string? why)
            ? parsed
            : throw new FormatException($"expected {Shape}, for example gpio:0:17 or gpio:gpiochip0:ALARM:active-low; got '{spec}': {why}");

    /// <summary>Parses a spec, or says what is wrong with it.</summary>
    /// <param name="spec">The text.</param>
    /// <param name="parsed">The spec, when it parses.</param>
    /// <param name="why">What is wrong, when it does not.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParse(string spec, [NotNullWhen(true)] out GpioLineSpec? parsed, [NotNullWhen(false)] out string? why)
    {
        ArgumentNullException.ThrowIfNull(spec);
        parsed = null;
        if (!spec.StartsWith(Prefix, StringComparison.Ordinal))
        {
            why = "it does not start with 'gpio:'";
            return false;
        }

        string rest = spec[Prefix.Length..];
        bool activeLow = rest.EndsWith(":" + ActiveLowSuffix, StringComparison.Ordinal);
        if (activeLow)
        {
            rest = rest[..^(ActiveLowSuffix.Length + 1)];
        }

        int split = rest.LastIndexOf(':');
        if (split <= 0 || split == rest.Length - 1)
        {
            why = "a chip and a line are needed";
            return false;
        }

        string chip = rest[..split];
        string line = rest[(split + 1)..];
        string chipPath;
        if (int.TryParse(chip, NumberStyles.None, CultureInfo.InvariantCulture, out int chipNumber))
        {
            chipPath = string.Create(CultureInfo.InvariantCulture, $"/dev/gpiochip{chipNumber}");
        }
        else if (chip.StartsWith('/') && !chip.Contains(':', StringComparison.Ordinal))
        {
            chipPath = chip;
        }
        else if (IsName(chip))
        {
            chipPath = "/dev/" + chip;
        }
        else
        {
            why = $"chip '{chip}' is not a number, a name or a /dev path";
            return false;
        }

        if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int lineNumber))
        {
            parsed = new GpioLineSpec(chipPath, lineNumber, null, activeLow);
        }
        else if (IsName(line) && char.IsAsciiLetter(line[0]))
        {
            parsed = new GpioLineSpec(chipPath, -1, line, activeLow);
        }
        else
        {
            why = $"line '{line}' is not a number ≥ 0 or a line name";
            return false;
        }

        why = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{ChipPath} line {(LineName ?? LineNumber.ToString(CultureInfo.InvariantCulture))}{(ActiveLow ? " (active-low)" : string.Empty)}");

    private static bool IsName(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return false;
            }
        }

        return text.Length > 0;
    }
}
