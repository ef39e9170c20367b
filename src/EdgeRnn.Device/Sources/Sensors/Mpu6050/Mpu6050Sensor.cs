using System.Buffers.Binary;
using System.Device.I2c;
using System.Globalization;
using Iot.Device.Imu;

namespace EdgeRnn.Device.Sources.Sensors.Mpu6050;

/// <summary>InvenSense MPU-6050 accelerometer and gyroscope through dotnet/iot's <see cref="Iot.Device.Imu.Mpu6050"/>:
/// 6 channels, accelerometer x/y/z in g and gyroscope x/y/z in °/s (optionally a 7th, the die temperature in °C).</summary>
/// <remarks>
/// References: MPU-6000/MPU-6050 Product Specification PS-MPU-6000A-00 rev 3.4 (PS) and Register Map RM-MPU-6000A-00
/// rev 4.2 (RM). The binding's constructor resets and wakes the chip, checks WHO_AM_I = 0x68 (an <see cref="IOException"/>
/// otherwise) and sets the bandwidths; this class then sets both ranges through it (each read back and checked).
/// Each <see cref="Read"/> is one 14-byte burst of 0x3B..0x48 on the binding's I2C device into a stack span (the binding's
/// own register read is not public), scaled here by PS §6.1/§6.2 and RM §4.18, instead of the binding's <c>GetAccelerometer</c>/<c>GetGyroscopeReading</c>:
/// those read accelerometer and gyroscope in two transfers (two sampling instants), divide the scale by 1 + SMPLRT_DIV
/// read from the chip on every call (two extra transfers per read, and a wrong scale once a divider is set), and
/// <c>GetTemperature</c> uses the MPU-9250's formula.
/// </remarks>
internal sealed class Mpu6050Sensor : ISensor
{
    /// <summary>Address with AD0 low (PS §9.2); 0x69 with AD0 high.</summary>
    public const int DefaultAddress = Iot.Device.Imu.Mpu6050.DefaultI2cAddress;

    private const int MeasurementLength = 14;

    /// <summary>WHO_AM_I (RM §4.32).</summary>
    private const byte WhoAmIRegister = 0x75;

    /// <summary>ACCEL_XOUT_H, the first of the 14 measurement registers (RM §4.17).</summary>
    private const byte FirstMeasurementRegister = 0x3B;

    private static readonly string[] SixChannels =
        ["accel_x_g", "accel_y_g", "accel_z_g", "gyro_x_dps", "gyro_y_dps", "gyro_z_dps"];

    private static readonly string[] SevenChannels = [.. SixChannels, "temperature_c"];

    private readonly Iot.Device.Imu.Mpu6050 _chip;
    private readonly I2cDevice _device;
    private readonly float _gPerLsb;
    private readonly float _dpsPerLsb;
    private readonly bool _includeTemperature;
    private bool _disposed;

    /// <summary>Checks and configures the chip.</summary>
    /// <param name="device">The chip's I2C device (owned: disposed with the sensor).</param>
    /// <param name="accelerometerRange">Accelerometer full scale.</param>
    /// <param name="gyroscopeRange">Gyroscope full scale.</param>
    /// <param name="includeTemperature">True to add the die temperature (°C) as a 7th channel.</param>
    /// <exception cref="IOException">WHO_AM_I is not 0x68 (not an MPU-6050), a setting did not read back, or a bus
    /// transfer failed.</exception>
    public Mpu6050Sensor(
        I2cDevice device,
        AccelerometerRange accelerometerRange = AccelerometerRange.Range02G,
        GyroscopeRange gyroscopeRange = GyroscopeRange.Range0250Dps,
        bool includeTemperature = false)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!Enum.IsDefined(accelerometerRange) || !Enum.IsDefined(gyroscopeRange))
        {
            throw new ArgumentOutOfRangeException(
                nameof(accelerometerRange), $"unknown range {accelerometerRange}/{gyroscopeRange}");
        }

        _device = device;
        _includeTemperature = includeTemperature;
        _gPerLsb = 1f / AccelerometerLsbPerG(accelerometerRange);
        _dpsPerLsb = 1f / GyroscopeLsbPerDps(gyroscopeRange);
        try
        {
            _chip = new Iot.Device.Imu.Mpu6050(device);
        }
        catch (IOException exception)
        {
            byte[] whoAmI = new byte[1];
            device.WriteRead([WhoAmIRegister], whoAmI);
            throw new IOException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"expected an MPU-6050 at {Describe(device)}: WHO_AM_I (register 0x75) should be 0x68, found 0x{whoAmI[0]:X2} ({exception.Message})"),
                exception);
        }

        _chip.AccelerometerRange = accelerometerRange;
        _chip.GyroscopeRange = gyroscopeRange;
    }

    /// <inheritdoc />
    public int ChannelCount => _includeTemperature ? 7 : 6;

    /// <inheritdoc />
    public IReadOnlyList<string> ChannelNames => _includeTemperature ? SevenChannels : SixChannels;

    /// <summary>Accelerometer sensitivity in LSB per g (PS §6.2: 16384, 8192, 4096, 2048).</summary>
    /// <param name="range">The range.</param>
    /// <returns>LSB/g.</returns>
    public static float AccelerometerLsbPerG(AccelerometerRange range) => 16384 >> (int)range;

    /// <summary>Gyroscope sensitivity in LSB per °/s (PS §6.1: 131, 65.5, 32.8, 16.4).</summary>
    /// <param name="range">The range.</param>
    /// <returns>LSB/(°/s).</returns>
    public static float GyroscopeLsbPerDps(GyroscopeRange range) => range switch
    {
        GyroscopeRange.Range0250Dps => 131f,
        GyroscopeRange.Range0500Dps => 65.5f,
        GyroscopeRange.Range1000Dps => 32.8f,
        _ => 16.4f,
    };

    /// <summary>Die temperature from TEMP_OUT: °C = TEMP_OUT / 340 + 36.53 (RM §4.18).</summary>
    /// <param name="raw">TEMP_OUT as a signed 16-bit value.</param>
    /// <returns>°C.</returns>
    public static float TemperatureCelsius(short raw) => (raw / 340f) + 36.53f;

    /// <inheritdoc />
    public void Read(Span<float> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SensorValues.CheckLength(values, ChannelCount);

        ReadOnlySpan<byte> first = [FirstMeasurementRegister];
        Span<byte> raw = stackalloc byte[MeasurementLength];
        _device.WriteRead(first, raw);
        for (int axis = 0; axis < 3; axis++)
        {
            values[axis] = BinaryPrimitives.ReadInt16BigEndian(raw[(2 * axis)..]) * _gPerLsb;
            values[3 + axis] = BinaryPrimitives.ReadInt16BigEndian(raw[(8 + (2 * axis))..]) * _dpsPerLsb;
        }

        if (_includeTemperature)
        {
            values[6] = TemperatureCelsius(BinaryPrimitives.ReadInt16BigEndian(raw[6..]));
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

    private static string Describe(I2cDevice device) => string.Create(
        CultureInfo.InvariantCulture,
        $"bus {device.ConnectionSettings.BusId} address 0x{device.ConnectionSettings.DeviceAddress:X2}");
}
