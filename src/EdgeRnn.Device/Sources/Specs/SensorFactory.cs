using System.Device.I2c;
using System.Globalization;
using EdgeRnn.Device.Hardware.I2c;
using EdgeRnn.Device.Sources.Sensors;
using EdgeRnn.Device.Sources.Sensors.Ads1115;
using EdgeRnn.Device.Sources.Sensors.Bmx280;
using EdgeRnn.Device.Sources.Sensors.Iio;
using EdgeRnn.Device.Sources.Sensors.Ina219;
using EdgeRnn.Device.Sources.Sensors.Lis3dh;
using EdgeRnn.Device.Sources.Sensors.Mcp9808;
using EdgeRnn.Device.Sources.Sensors.Mpu6050;

namespace EdgeRnn.Device.Sources.Specs;

/// <summary>Opens a hardware sensor from a source spec: <c>i2c:&lt;bus&gt;:&lt;address&gt;:&lt;kind&gt;</c> (kinds
/// <c>mpu6050</c>, <c>ads1115</c>, <c>bme280</c>, <c>bmp280</c>, <c>ina219</c>, <c>mcp9808</c>, <c>lis3dh</c>; address hex
/// <c>0x68</c> or decimal) or <c>iio:&lt;device&gt;</c>. I2C sensors go through dotnet/iot's bindings on the
/// <see cref="I2cDevice"/> that <see cref="I2cDevices.Open"/> chooses for the bus.</summary>
internal static class SensorFactory
{
    /// <summary>The I2C sensor kinds, as an <c>i2c:</c> spec names them.</summary>
    public static IReadOnlyList<string> I2cDrivers { get; } = ["mpu6050", "ads1115", "bme280", "bmp280", "ina219", "mcp9808", "lis3dh"];

    /// <summary>Opens the sensor a spec names.</summary>
    /// <param name="spec">For example <c>i2c:1:0x68:mpu6050</c>, <c>i2c:1:0x48:ads1115</c>, <c>iio:device0</c>.</param>
    /// <returns>The open sensor; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">The spec is malformed or names an unknown driver.</exception>
    /// <exception cref="IOException">The device cannot be opened or is not the expected chip.</exception>
    public static ISensor Open(string spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        if (spec.StartsWith("iio:", StringComparison.Ordinal))
        {
            return IioSensor.Open(spec["iio:".Length..]);
        }

        string[] parts = spec.Split(':');
        if (parts.Length != 4 || parts[0] != "i2c")
        {
            throw new ArgumentException(
                $"expected a sensor spec i2c:<bus>:<address>:<driver> or iio:<device>, got '{spec}'", nameof(spec));
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int bus))
        {
            throw new ArgumentException($"expected a bus number in '{spec}', got '{parts[1]}'", nameof(spec));
        }

        return OpenI2c(bus, ParseAddress(parts[2], spec), parts[3]);
    }

    /// <summary>Opens an I2C sensor on Linux i2c-dev.</summary>
    /// <param name="bus">Bus number N of <c>/dev/i2c-N</c>.</param>
    /// <param name="address">7-bit address.</param>
    /// <param name="driver">One of <see cref="I2cDrivers"/> (case-insensitive).</param>
    /// <returns>The open sensor; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">Unknown driver.</exception>
    /// <exception cref="IOException">The bus cannot be opened or the chip check failed.</exception>
    public static ISensor OpenI2c(int bus, int address, string driver)
    {
        string name = driver.ToLowerInvariant();
        if (!I2cDrivers.Contains(name))
        {
            throw new ArgumentException(
                $"unknown I2C driver '{driver}': expected one of {string.Join(", ", I2cDrivers)}", nameof(driver));
        }

        I2cDevice device = I2cDevices.Open(bus, address);
        try
        {
            return name switch
            {
                "mpu6050" => new Mpu6050Sensor(device),
                "ads1115" => new Ads1115Sensor(device),
                "bme280" => new Bmx280Sensor(device, withHumidity: true),
                "bmp280" => new Bmx280Sensor(device, withHumidity: false),
                "ina219" => new Ina219Sensor(device, Ina219Settings.Default),
                "mcp9808" => new Mcp9808Sensor(device),
                _ => new Lis3dhSensor(device),
            };
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private static int ParseAddress(string text, string spec)
    {
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (int.TryParse(
            hex ? text[2..] : text,
            hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None,
            CultureInfo.InvariantCulture,
            out int address))
        {
            return address;
        }

        throw new ArgumentException($"expected an I2C address such as 0x68 in '{spec}', got '{text}'", nameof(spec));
    }
}
