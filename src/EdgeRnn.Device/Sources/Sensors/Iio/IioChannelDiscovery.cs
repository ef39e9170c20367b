using System.Globalization;

namespace EdgeRnn.Device.Sources.Sensors.Iio;

/// <summary>Finds the input channels of an IIO device directory and their scale and offset attributes, following the
/// kernel's Documentation/ABI/testing/sysfs-bus-iio: <c>in_&lt;type&gt;&lt;index&gt;[_&lt;modifier&gt;]_raw</c> with
/// <c>_scale</c>/<c>_offset</c> per channel or shared by the type (<c>in_voltage_scale</c>, <c>in_accel_scale</c>).</summary>
internal static class IioChannelDiscovery
{
    private const string Prefix = "in_";
    private const string RawSuffix = "_raw";

    /// <summary>Lists the channel ids of a device, sorted ordinally (<c>accel_x</c>, <c>temp</c>, <c>voltage0</c>, …).</summary>
    /// <param name="deviceDirectory">For example <c>/sys/bus/iio/devices/iio:device0</c>.</param>
    /// <returns>The ids.</returns>
    public static IReadOnlyList<string> FindChannelIds(string deviceDirectory)
    {
        var ids = new List<string>();
        foreach (string path in Directory.EnumerateFiles(deviceDirectory, Prefix + "*" + RawSuffix))
        {
            string file = Path.GetFileName(path);
            ids.Add(file[Prefix.Length..^RawSuffix.Length]);
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>Opens one channel: its raw file, and its scale and offset (own attribute first, then the type's shared one).</summary>
    /// <param name="deviceDirectory">The device directory.</param>
    /// <param name="id">The channel id.</param>
    /// <returns>The open channel.</returns>
    /// <exception cref="IOException">The raw file is missing, or a scale/offset is not a number.</exception>
    public static IioChannel Open(string deviceDirectory, string id)
    {
        string rawPath = Path.Combine(deviceDirectory, Prefix + id + RawSuffix);
        if (!File.Exists(rawPath))
        {
            throw new IOException(string.Create(
                CultureInfo.InvariantCulture,
                $"IIO channel '{id}' not found: expected {rawPath}; the device has [{string.Join(", ", FindChannelIds(deviceDirectory))}]"));
        }

        double scale = ReadAttribute(deviceDirectory, id, "_scale", 1.0);
        double offset = ReadAttribute(deviceDirectory, id, "_offset", 0.0);
        return new IioChannel(id, rawPath, scale, offset);
    }

    /// <summary>The type part shared by channels: digits and the modifier removed (<c>voltage0</c> → <c>voltage</c>,
    /// <c>accel_x</c> → <c>accel</c>, <c>voltage0-voltage1</c> → <c>voltage-voltage</c>).</summary>
    /// <param name="id">The channel id.</param>
    /// <returns>The shared type name.</returns>
    public static string SharedTypeName(string id)
    {
        string withoutDigits = string.Concat(id.Where(c => !char.IsAsciiDigit(c)));
        int modifier = withoutDigits.IndexOf('_', StringComparison.Ordinal);
        return modifier < 0 ? withoutDigits : withoutDigits[..modifier];
    }

    private static double ReadAttribute(string deviceDirectory, string id, string suffix, double fallback)
    {
        foreach (string name in new[] { id, SharedTypeName(id) })
        {
            string path = Path.Combine(deviceDirectory, Prefix + name + suffix);
            if (!File.Exists(path))
            {
                continue;
            }

            string text = File.ReadAllText(path).Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new IOException(string.Create(
                    CultureInfo.InvariantCulture, $"{path}: expected a decimal number, found '{text}'"));
            }

            return value;
        }

        return fallback;
    }
}
