using System.Buffers.Binary;
using System.Device.I2c;
using System.Globalization;
using Iot.Device.Lis3DhAccelerometer;

namespace EdgeRnn.Device.Sources.Sensors.Lis3dh;

/// <summary>ST LIS3DH three-axis accelerometer (vibration of a motor or a pump) through dotnet/iot's <see cref="Lis3Dh"/>:
/// channels <c>accel_x_g</c>, <c>accel_y_g</c>, <c>accel_z_g</c>.</summary>
/// <remarks>
/// Reference: LIS3DH datasheet DocID17530 rev 2. The binding checks nothing, so construction first reads WHO_AM_I
/// (register 0Fh, §8.6) and throws an <see cref="IOException"/> unless it is 33h; the binding then configures high-resolution
/// mode, 400 Hz with all axes on (CTRL_REG1) and the range (CTRL_REG4). Each <see cref="Read"/> is one 6-byte burst of
/// OUT_X_L..OUT_Z_H (28h..2Dh, the register's top bit set for auto-increment, §6.1.1) into a stack span, scaled here by
/// the datasheet's sensitivity (Table 4, high-resolution: 1, 2, 4, 12 mg per 12-bit digit at ±2, 4, 8, 16 g). The
/// binding's own <c>Acceleration</c> allocates about 128 bytes per read and scales by full scale / 2^15 (1 g = 16384 at
/// ±2 g, 2.4 % from the datasheet's typical 1 mg/digit).
/// </remarks>
internal sealed class Lis3dhSensor : ISensor
{
    /// <summary>Address with SDO/SA0 to GND (§6.1.1); 0x19 with SA0 high.</summary>
    public const int DefaultAddress = 0x18;

    private const byte WhoAmIRegister = 0x0F;
    private const byte ExpectedWhoAmI = 0x33;

    /// <summary>OUT_X_L with the auto-increment bit.</summary>
    private const byte FirstOutputRegister = 0x28 | 0x80;

    private static readonly string[] Channels = ["accel_x_g", "accel_y_g", "accel_z_g"];

    private readonly Lis3Dh _chip;
    private readonly I2cDevice _device;
    private readonly float _gPerDigit;
    private bool _disposed;

    /// <summary>Checks and configures the chip.</summary>
    /// <param name="device">The chip's I2C device (owned: disposed with the sensor).</param>
    /// <param name="scale">Full scale.</param>
    /// <exception cref="IOException">WHO_AM_I is not 33h, or a bus transfer failed.</exception>
    public Lis3dhSensor(I2cDevice device, AccelerationScale scale = AccelerationScale.Scale02G)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!Enum.IsDefined(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "unknown LIS3DH scale");
        }

        Span<byte> whoAmI = stackalloc byte[1];
        device.WriteRead([WhoAmIRegister], whoAmI);
        if (whoAmI[0] != ExpectedWhoAmI)
        {
            throw new IOException(string.Create(
                CultureInfo.InvariantCulture,
                $"expected a LIS3DH at bus {device.ConnectionSettings.BusId} address 0x{device.ConnectionSettings.DeviceAddress:X2}: WHO_AM_I (register 0x0F) should be 0x33, found 0x{whoAmI[0]:X2}"));
        }

        _device = device;
        _gPerDigit = MilligPerDigit(scale) / 1000f;
        _chip = Lis3Dh.Create(device, DataRate.DataRate400Hz, OperatingMode.HighResolutionMode, scale);
    }

    /// <inheritdoc />
    public int ChannelCount => Channels.Length;

    /// <inheritdoc />
    public IReadOnlyList<string> ChannelNames => Channels;

    /// <summary>Sensitivity in high-resolution mode, mg per 12-bit digit (Table 4).</summary>
    /// <param name="scale">The range.</param>
    /// <returns>1, 2, 4 or 12.</returns>
    public static float MilligPerDigit(AccelerationScale scale) => scale switch
    {
        AccelerationScale.Scale02G => 1f,
        AccelerationScale.Scale04G => 2f,
        AccelerationScale.Scale08G => 4f,
        _ => 12f,
    };

    /// <inheritdoc />
    public void Read(Span<float> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SensorValues.CheckLength(values, ChannelCount);

        ReadOnlySpan<byte> first = [FirstOutputRegister];
        Span<byte> raw = stackalloc byte[6];
        _device.WriteRead(first, raw);
        for (int axis = 0; axis < 3; axis++)
        {
            // Left-justified 12-bit two's complement, low byte first (§8.16).
            values[axis] = (BinaryPrimitives.ReadInt16LittleEndian(raw[(2 * axis)..]) >> 4) * _gPerDigit;
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
