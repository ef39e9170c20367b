using System.Globalization;

namespace EdgeRnn.Device.Sources.Sensors.Iio;

/// <summary>A Linux Industrial I/O device read through sysfs: every selected input channel, value = (raw + offset) × scale
/// (kernel Documentation/ABI/testing/sysfs-bus-iio), in the ABI's unit for the channel type.</summary>
internal sealed class IioSensor : ISensor
{
    /// <summary>Where the kernel lists IIO devices.</summary>
    public const string DefaultRoot = "/sys/bus/iio/devices";

    private readonly IioChannel[] _channels;
    private readonly string[] _names;
    private bool _disposed;

    private IioSensor(string deviceDirectory, IioChannel[] channels)
    {
        DeviceDirectory = deviceDirectory;
        _channels = channels;
        _names = [.. channels.Select(c => c.Id)];
    }

    /// <summary>The device's sysfs directory.</summary>
    public string DeviceDirectory { get; }

    /// <inheritdoc />
    public int ChannelCount => _channels.Length;

    /// <inheritdoc />
    public IReadOnlyList<string> ChannelNames => _names;

    /// <summary>The open channels, in order.</summary>
    public IReadOnlyList<IioChannel> Channels => _channels;

    /// <summary>Opens an IIO device and its channels.</summary>
    /// <param name="device">A directory name under <paramref name="root"/> (<c>iio:device0</c>), a bare index (<c>0</c>),
    /// or the device's <c>name</c> attribute (<c>ads1015</c>).</param>
    /// <param name="channelIds">Channel ids to read, in this order; null or empty for every <c>in_*_raw</c> channel.</param>
    /// <param name="root">The sysfs directory listing the devices.</param>
    /// <returns>The open sensor.</returns>
    /// <exception cref="IOException">No such device or channel, or an attribute is malformed.</exception>
    public static IioSensor Open(string device, IReadOnlyList<string>? channelIds = null, string root = DefaultRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        string directory = ResolveDevice(device, root);
        IReadOnlyList<string> ids = channelIds is { Count: > 0 } ? channelIds : IioChannelDiscovery.FindChannelIds(directory);
        if (ids.Count == 0)
        {
            throw new IOException($"IIO device {directory} has no in_*_raw channels");
        }

        var channels = new List<IioChannel>(ids.Count);
        try
        {
            foreach (string id in ids)
            {
                channels.Add(IioChannelDiscovery.Open(directory, id));
            }
        }
        catch
        {
            channels.ForEach(c => c.Dispose());
            throw;
        }

        return new IioSensor(directory, [.. channels]);
    }

    /// <inheritdoc />
    public void Read(Span<float> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SensorValues.CheckLength(values, _channels.Length);

        for (int i = 0; i < _channels.Length; i++)
        {
            values[i] = (float)_channels[i].Read();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (IioChannel channel in _channels)
        {
            channel.Dispose();
        }
    }

    private static string ResolveDevice(string device, string root)
    {
        string direct = Path.Combine(root, device);
        if (Directory.Exists(direct))
        {
            return direct;
        }

        if (int.TryParse(device, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            string indexed = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"iio:device{index}"));
            if (Directory.Exists(indexed))
            {
                return indexed;
            }
        }

        var seen = new List<string>();
        if (Directory.Exists(root))
        {
            foreach (string candidate in Directory.EnumerateDirectories(root, "iio:device*").Order(StringComparer.Ordinal))
            {
                string namePath = Path.Combine(candidate, "name");
                string name = File.Exists(namePath) ? File.ReadAllText(namePath).Trim() : string.Empty;
                if (string.Equals(name, device, StringComparison.Ordinal))
                {
                    return candidate;
                }

                seen.Add($"{Path.GetFileName(candidate)} ({name})");
            }
        }

        throw new IOException(string.Create(
            CultureInfo.InvariantCulture,
            $"IIO device '{device}' not found under {root}: expected a directory, an index or a device name; found [{string.Join(", ", seen)}]"));
    }
}
