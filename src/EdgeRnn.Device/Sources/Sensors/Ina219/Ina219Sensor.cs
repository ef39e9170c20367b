using System.Buffers.Binary;
using System.Device.I2c;
using System.Globalization;
using Iot.Device.Adc;

namespace EdgeRnn.Device.Sources.Sensors.Ina219;

/// <summary>TI INA219 current and power monitor through dotnet/iot's <see cref="Iot.Device.Adc.Ina219"/>: channels
/// <c>bus_v</c>, <c>shunt_mv</c>, <c>current_a</c>, <c>power_w</c> (a motor's supply voltage, current and power).</summary>
/// <remarks>
/// Reference: INA219 datasheet SBOS448G. Construction resets the chip through the binding, sets the bus range and the
/// shunt amplifier's range, and writes the Calibration register, Cal = trunc(0.04096 / (Current_LSB × R_SHUNT))
/// (§8.5.1, Equation 1), with Current_LSB chosen by <see cref="Ina219Settings"/>. The chip has no ID register: the
/// Calibration register is read back after the write, and a mismatch is an <see cref="IOException"/>. The binding
/// re-writes Calibration before each current and power read (a load transient can reset the chip) and spins for the ADC's
/// conversion time before each register read (532 µs at the default 12-bit resolution): about 2 ms of CPU per sample.
/// </remarks>
internal sealed class Ina219Sensor : ISensor
{
    /// <summary>Address with A0 and A1 to GND (§8.5.5.1, Table 1).</summary>
    public const int DefaultAddress = 0x40;

    private const byte CalibrationRegister = 0x05;

    private static readonly string[] Channels = ["bus_v", "shunt_mv", "current_a", "power_w"];

    private readonly Iot.Device.Adc.Ina219 _chip;
    private readonly I2cDevice _device;
    private bool _disposed;

    /// <summary>Checks and configures the chip.</summary>
    /// <param name="device">The chip's I2C device (owned: disposed with the sensor; the binding does not dispose it).</param>
    /// <param name="settings">Shunt, ranges and current LSB; <see cref="Ina219Settings.Default"/> for a 0.1 Ω breakout.</param>
    /// <exception cref="IOException">The Calibration register does not read back (no INA219 there), or a bus transfer failed.</exception>
    public Ina219Sensor(I2cDevice device, Ina219Settings settings)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(settings);
        _device = device;
        Calibration = settings.Calibration;
        _chip = new Iot.Device.Adc.Ina219(device);
        _chip.Reset();
        _chip.BusVoltageRange = settings.BusVoltageRange;
        _chip.PgaSensitivity = settings.ShuntRange;
        _chip.SetCalibration(Calibration, (float)settings.CurrentLsbAmperes);
        Span<byte> read = stackalloc byte[2];
        device.WriteRead([CalibrationRegister], read);
        ushort readBack = BinaryPrimitives.ReadUInt16BigEndian(read);
        if ((readBack & 0xFFFE) != (Calibration & 0xFFFE))
        {
            throw new IOException(string.Create(
                CultureInfo.InvariantCulture,
                $"expected an INA219 at bus {device.ConnectionSettings.BusId} address 0x{device.ConnectionSettings.DeviceAddress:X2}: its Calibration register (05h) should read back 0x{Calibration:X4} after writing it, found 0x{readBack:X4}"));
        }
    }

    /// <summary>The value written to the Calibration register.</summary>
    public ushort Calibration { get; }

    /// <inheritdoc />
    public int ChannelCount => Channels.Length;

    /// <inheritdoc />
    public IReadOnlyList<string> ChannelNames => Channels;

    /// <inheritdoc />
    public void Read(Span<float> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SensorValues.CheckLength(values, ChannelCount);

        values[0] = (float)_chip.ReadBusVoltage().Volts;
        values[1] = (float)_chip.ReadShuntVoltage().Millivolts;
        values[2] = (float)_chip.ReadCurrent().Amperes;
        values[3] = (float)_chip.ReadPower().Watts;
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
        _device.Dispose();
    }
}
