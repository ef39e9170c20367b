using System.Device.I2c;
using System.Globalization;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.PowerMode;
using UnitsNet;

namespace EdgeRnn.Device.Sources.Sensors.Bmx280;

/// <summary>Bosch BME280 (temperature, pressure, humidity) or BMP280 (temperature, pressure) through dotnet/iot's
/// <see cref="Bme280"/> and <see cref="Bmp280"/>: channels <c>temperature_c</c>, <c>pressure_hpa</c> and, on a BME280,
/// <c>humidity_pct</c>.</summary>
/// <remarks>
/// References: BME280 datasheet BST-BME280-DS002 (§4.2.3 compensation formulas, §5.4 registers, chip ID 0x60 at 0xD0) and
/// BMP280 datasheet BST-BMP280-DS001 (§3.11.3 formulas, §3.12 worked example; chip ID 0x58). The binding checks the chip
/// ID (an <see cref="IOException"/> otherwise, rethrown here with the ID found) and reads the calibration words. This class
/// sets oversampling ×2 for each measurement (the binding's LowPower), the IIR filter off and normal mode with 62.5 ms
/// standby (§3.3.4), so the chip measures continuously and each <see cref="Read"/> only fetches the latest compensated
/// values: no conversion is waited for. Temperature and pressure come from the same measurement cycle only when the reads
/// fall between two cycles' data updates (§3.10 shadowing applies to one burst, and the binding reads them separately).
/// </remarks>
internal sealed class Bmx280Sensor : ISensor
{
    /// <summary>Address with SDO to GND (§6.2); 0x77 with SDO to VDDIO.</summary>
    public const int DefaultAddress = 0x76;

    /// <summary>BME280 chip ID (register 0xD0).</summary>
    public const byte Bme280ChipId = 0x60;

    /// <summary>BMP280 chip ID (register 0xD0).</summary>
    public const byte Bmp280ChipId = 0x58;

    private const byte ChipIdRegister = 0xD0;

    private static readonly string[] Bme280Channels = ["temperature_c", "pressure_hpa", "humidity_pct"];
    private static readonly string[] Bmp280Channels = ["temperature_c", "pressure_hpa"];

    private readonly Bmx280Base _chip;
    private readonly Bme280? _humidity;
    private bool _disposed;

    /// <summary>Checks and configures the chip.</summary>
    /// <param name="device">The chip's I2C device (owned: disposed with the sensor).</param>
    /// <param name="withHumidity">True for a BME280 (chip ID 0x60), false for a BMP280 (0x58).</param>
    /// <exception cref="IOException">The chip ID is not the expected one, or a bus transfer failed.</exception>
    public Bmx280Sensor(I2cDevice device, bool withHumidity)
    {
        ArgumentNullException.ThrowIfNull(device);
        byte expected = withHumidity ? Bme280ChipId : Bmp280ChipId;
        try
        {
            _chip = withHumidity ? new Bme280(device) : new Bmp280(device);
        }
        catch (IOException exception)
        {
            var found = new byte[1];
            device.WriteRead([ChipIdRegister], found);
            throw new IOException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"expected a {(withHumidity ? "BME280" : "BMP280")} at bus {device.ConnectionSettings.BusId} address 0x{device.ConnectionSettings.DeviceAddress:X2}: chip ID (register 0xD0) should be 0x{expected:X2}, found 0x{found[0]:X2}{(found[0] is Bme280ChipId or Bmp280ChipId ? $" (a {(found[0] == Bme280ChipId ? "BME280" : "BMP280")}: use that kind)" : string.Empty)}"),
                exception);
        }

        _humidity = _chip as Bme280;
        _chip.TemperatureSampling = Sampling.LowPower;
        _chip.PressureSampling = Sampling.LowPower;
        if (_humidity is not null)
        {
            _humidity.HumiditySampling = Sampling.LowPower;
        }

        _chip.StandbyTime = StandbyTime.Ms62_5;
        _chip.SetPowerMode(Bmx280PowerMode.Normal);
    }

    /// <inheritdoc />
    public int ChannelCount => _humidity is null ? 2 : 3;

    /// <inheritdoc />
    public IReadOnlyList<string> ChannelNames => _humidity is null ? Bmp280Channels : Bme280Channels;

    /// <inheritdoc />
    public void Read(Span<float> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SensorValues.CheckLength(values, ChannelCount);

        values[0] = _chip.TryReadTemperature(out Temperature temperature) ? (float)temperature.DegreesCelsius : float.NaN;
        values[1] = _chip.TryReadPressure(out Pressure pressure) ? (float)pressure.Hectopascals : float.NaN;
        if (_humidity is not null)
        {
            values[2] = _humidity.TryReadHumidity(out RelativeHumidity humidity) ? (float)humidity.Percent : float.NaN;
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
        _chip.Dispose();
    }
}
