using System.Buffers.Binary;
using System.Device.I2c;
using System.Globalization;

namespace EdgeRnn.Device.Sources.Sensors.Mcp9808;

/// <summary>Microchip MCP9808 ±0.25 °C temperature sensor (a motor housing, a bearing, a cabinet) through dotnet/iot's
/// <see cref="Iot.Device.Mcp9808.Mcp9808"/>: one channel, <c>temperature_c</c>.</summary>
/// <remarks>
/// Reference: MCP9808 datasheet DS25095A. The binding wakes the chip (CONFIG SHDN = 0) and checks the manufacturer ID
/// (register 06h = 0054h) and device ID (07h = 0400h), throwing a plain <see cref="Exception"/> on a mismatch, rethrown
/// here as an <see cref="IOException"/> with the IDs found. Each <see cref="Read"/> is the binding's <c>Temperature</c>: T_A
/// (register 05h, §5.1.3), bits 12..0 a 13-bit two's complement count of 1/16 °C; it allocates nothing.
/// </remarks>
internal sealed class Mcp9808Sensor : ISensor
{
    /// <summary>Address with A2, A1, A0 to GND (Table 3-2).</summary>
    public const int DefaultAddress = 0x18;

    private const byte ManufacturerIdRegister = 0x06;
    private const byte DeviceIdRegister = 0x07;

    private static readonly string[] Channels = ["temperature_c"];

    private readonly Iot.Device.Mcp9808.Mcp9808 _chip;
    private bool _disposed;

    /// <summary>Checks and wakes the chip.</summary>
    /// <param name="device">The chip's I2C device (owned: disposed with the sensor).</param>
    /// <exception cref="IOException">The manufacturer or device ID is not the MCP9808's, or a bus transfer failed.</exception>
    public Mcp9808Sensor(I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        try
        {
            _chip = new Iot.Device.Mcp9808.Mcp9808(device);
        }
        catch (Exception exception) when (exception.GetType() == typeof(Exception))
        {
            throw new IOException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"expected an MCP9808 at bus {device.ConnectionSettings.BusId} address 0x{device.ConnectionSettings.DeviceAddress:X2}: manufacturer ID (06h) should be 0x0054 and device ID (07h) 0x0400, found 0x{ReadRegister(device, ManufacturerIdRegister):X4} and 0x{ReadRegister(device, DeviceIdRegister):X4}"),
                exception);
        }
    }

    /// <inheritdoc />
    public int ChannelCount => Channels.Length;

    /// <inheritdoc />
    public IReadOnlyList<string> ChannelNames => Channels;

    /// <inheritdoc />
    public void Read(Span<float> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SensorValues.CheckLength(values, ChannelCount);

        values[0] = (float)_chip.Temperature.DegreesCelsius;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _chip.Dispose();
    }

    private static ushort ReadRegister(I2cDevice device, byte register)
    {
        ReadOnlySpan<byte> pointer = [register];
        Span<byte> value = stackalloc byte[2];
        device.WriteRead(pointer, value);
        return BinaryPrimitives.ReadUInt16BigEndian(value);
    }
}
