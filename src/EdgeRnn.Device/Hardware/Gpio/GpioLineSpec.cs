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

    /// <summary>Parses a spec: chip = number (<c>0</c>), name (<c>gpiochip0</c>) or path (<c>/dev/gpiochip4</c>);
    /// line = offset (<c>17</c>) or name (<c>GPIO17</c>, <c>ALARM</c>).</summary>
    /// <param name="spec">For example <c>gpio:0:17</c>, <c>gpio:gpiochip0:ALARM:active-low</c>.</param>
    /// <returns>The parsed spec.</returns>
    /// <exception cref="FormatException">The spec does not have that shape.</exception>
    public static GpioLineSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw Malformed(spec, "it does not start with 'gpio:'");
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
            throw Malformed(spec, "a chip and a line are needed");
        }

        string chip = rest[..split];
        string line = rest[(split + 1)..];
        string chipPath = chip.Contains('/', StringComparison.Ordinal)
            ? chip
            : int.TryParse(chip, NumberStyles.None, CultureInfo.InvariantCulture, out int chipNumber)
                ? string.Create(CultureInfo.InvariantCulture, $"/dev/gpiochip{chipNumber}")
                : "/dev/" + chip;
        return int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int lineNumber)
            ? new GpioLineSpec(chipPath, lineNumber, null, activeLow)
            : new GpioLineSpec(chipPath, -1, line, activeLow);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{ChipPath} line {(LineName ?? LineNumber.ToString(CultureInfo.InvariantCulture))}{(ActiveLow ? " (active-low)" : string.Empty)}");

    private static FormatException Malformed(string spec, string why) =>
        new($"expected gpio:<chip>:<line>[:active-low], for example gpio:0:17 or gpio:gpiochip0:ALARM:active-low; got '{spec}': {why}");
}
