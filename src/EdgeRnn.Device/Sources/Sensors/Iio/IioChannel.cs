using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace EdgeRnn.Device.Sources.Sensors.Iio;

/// <summary>One IIO channel: its <c>in_&lt;id&gt;_raw</c> file, kept open, and the scale and offset read once at open.</summary>
/// <remarks>value = (raw + offset) × scale, in the unit the kernel's sysfs-bus-iio ABI gives the channel type (mV for
/// voltage, m/s² for accel, rad/s for anglvel, milli °C for temp). Reading re-reads the attribute from offset 0 into a
/// stack buffer: nothing is allocated.</remarks>
internal sealed class IioChannel : IDisposable
{
    private const int MaxAttributeLength = 64;
    private readonly SafeFileHandle _raw;

    /// <summary>Opens the channel's raw file.</summary>
    /// <param name="id">Channel id, for example <c>voltage0</c> or <c>accel_x</c>.</param>
    /// <param name="rawPath">Path of <c>in_&lt;id&gt;_raw</c>.</param>
    /// <param name="scale">Scale factor (1 when the device has none).</param>
    /// <param name="offset">Offset added to raw before scaling (0 when none).</param>
    public IioChannel(string id, string rawPath, double scale, double offset)
    {
        Id = id;
        RawPath = rawPath;
        Scale = scale;
        Offset = offset;
        _raw = File.OpenHandle(rawPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
    }

    /// <summary>Channel id, for example <c>voltage0</c>.</summary>
    public string Id { get; }

    /// <summary>Path of the raw attribute.</summary>
    public string RawPath { get; }

    /// <summary>Scale factor applied after the offset.</summary>
    public double Scale { get; }

    /// <summary>Offset added to raw before scaling.</summary>
    public double Offset { get; }

    /// <summary>Reads the raw value and converts it.</summary>
    /// <returns>(raw + offset) × scale.</returns>
    /// <exception cref="IOException">The file cannot be read or does not hold an integer.</exception>
    public double Read()
    {
        Span<byte> buffer = stackalloc byte[MaxAttributeLength];
        int length = RandomAccess.Read(_raw, buffer, 0);
        ReadOnlySpan<byte> text = buffer[..length].Trim(" \t\r\n\0"u8);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long raw))
        {
            throw new IOException(string.Create(
                CultureInfo.InvariantCulture,
                $"{RawPath}: expected an integer raw value, found '{Encoding.UTF8.GetString(text)}'"));
        }

        return (raw + Offset) * Scale;
    }

    /// <inheritdoc />
    public void Dispose() => _raw.Dispose();
}
