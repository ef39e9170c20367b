using System.Buffers.Binary;
using System.Globalization;
using EdgeRnn.Device.Hardware.I2c;

namespace EdgeRnn.Device.Sensors.Mpu6050;

/// <summary>InvenSense MPU-6050 accelerometer and gyroscope: 6 channels, accelerometer x/y/z in g and gyroscope x/y/z
/// in °/s (optionally a 7th, the die temperature in °C).</summary>
/// <remarks>
/// References: MPU-6000/MPU-6050 Product Specification PS-MPU-6000A-00 rev 3.4 (PS) and Register Map and Descriptions
/// RM-MPU-6000A-00 rev 4.2 (RM). Construction checks WHO_AM_I, wakes the chip (it powers up asleep, RM §4.28), selects
/// the X gyroscope PLL as clock (RM §4.28 recommends a gyroscope reference) and sets both ranges. Each <see cref="Read"/>
/// is one 14-byte I2C block read of 0x3B..0x48, so all channels come from the same sampling instant (RM §4.17), falling
/// back to single-byte reads on an adapter without I2C block support.
/// </remarks>
internal sealed class Mpu6050Sensor : ISensor
{
    /// <summary>Address with AD0 low (PS §9.2); 0x69 with AD0 high.</summary>
    public const int DefaultAddress = 0x68;

    /// <summary>PWR_MGMT_1 value: SLEEP = 0, CYCLE = 0, TEMP_DIS = 0, CLKSEL = 1 (PLL with X axis gyroscope reference).</summary>
    private const byte WakeWithGyroClock = 0x01;

    /// <summary>Gyroscope start-up time from sleep to ±1 °/s of final, 30 ms (PS §6.1).</summary>
    private static readonly TimeSpan StartUpTime = TimeSpan.FromMilliseconds(30);

    private static readonly string[] SixChannels =
        ["accel_x_g", "accel_y_g", "accel_z_g", "gyro_x_dps", "gyro_y_dps", "gyro_z_dps"];

    private static readonly string[] SevenChannels = [.. SixChannels, "temperature_c"];

    private readonly I2cDevice _device;
    private readonly bool _shouldDispose;
    private readonly float _gPerLsb;
    private readonly float _dpsPerLsb;
    private readonly bool _includeTemperature;
    private bool _disposed;

    /// <summary>Checks and configures the chip.</summary>
    /// <param name="device">The chip's I2C device (owned unless <paramref name="shouldDispose"/> is false).</param>
    /// <param name="accelerometerRange">Accelerometer full scale.</param>
    /// <param name="gyroscopeRange">Gyroscope full scale.</param>
    /// <param name="includeTemperature">True to add the die temperature (°C) as a 7th channel.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="device"/> with the sensor.</param>
    /// <exception cref="IOException">WHO_AM_I is not 0x68 (not an MPU-6050), or a bus transfer failed.</exception>
    public Mpu6050Sensor(
        I2cDevice device,
        AccelerometerRange accelerometerRange = AccelerometerRange.PlusMinus2G,
        GyroscopeRange gyroscopeRange = GyroscopeRange.PlusMinus250Dps,
        bool includeTemperature = false,
        bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!Enum.IsDefined(accelerometerRange) || !Enum.IsDefined(gyroscopeRange))
        {
            throw new ArgumentOutOfRangeException(
                nameof(accelerometerRange), $"unknown range {accelerometerRange}/{gyroscopeRange}");
        }

        _device = device;
        _shouldDispose = shouldDispose;
        _includeTemperature = includeTemperature;
        AccelerometerRange = accelerometerRange;
        GyroscopeRange = gyroscopeRange;
        _gPerLsb = 1f / AccelerometerLsbPerG(accelerometerRange);
        _dpsPerLsb = 1f / GyroscopeLsbPerDps(gyroscopeRange);

        byte whoAmI = device.ReadByteData(Mpu6050Register.WhoAmI);
        if (whoAmI != Mpu6050Register.ExpectedWhoAmI)
        {
            throw new IOException(string.Create(
                CultureInfo.InvariantCulture,
                $"expected an MPU-6050 at {device.ConnectionSettings}: WHO_AM_I (register 0x75) should be 0x68, found 0x{whoAmI:X2}"));
        }

        device.WriteByteData(Mpu6050Register.PowerManagement1, WakeWithGyroClock);
        device.WriteByteData(Mpu6050Register.GyroConfig, (byte)((int)gyroscopeRange << 3));
        device.WriteByteData(Mpu6050Register.AccelConfig, (byte)((int)accelerometerRange << 3));
        Thread.Sleep(StartUpTime);
    }

    /// <summary>The configured accelerometer range.</summary>
    public AccelerometerRange AccelerometerRange { get; }

    /// <summary>The configured gyroscope range.</summary>
    public GyroscopeRange GyroscopeRange { get; }

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
        GyroscopeRange.PlusMinus250Dps => 131f,
        GyroscopeRange.PlusMinus500Dps => 65.5f,
        GyroscopeRange.PlusMinus1000Dps => 32.8f,
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
        if (values.Length < ChannelCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"expected at least {ChannelCount} values, got {values.Length}"),
                nameof(values));
        }

        Span<byte> raw = stackalloc byte[Mpu6050Register.MeasurementLength];
        _device.ReadBlockData(Mpu6050Register.AccelXOutHigh, raw);
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
        if (_shouldDispose)
        {
            _device.Dispose();
        }
    }
}
