using EdgeRnn.Device.Sources.Sensors.Mpu6050;
using Iot.Device.Imu;
using EdgeRnn.Device.Tests.Hardware.I2c;

namespace EdgeRnn.Device.Tests.Sources.Sensors.Mpu6050;

/// <summary>Datasheet values: PS-MPU-6000A-00 §6.1/§6.2 sensitivities, RM-MPU-6000A-00 §4.18 temperature formula.</summary>
public class Mpu6050SensorTests
{
    [Fact]
    public void Constructor_WhoAmIMatches_WakesChipAndSetsRanges()
    {
        var device = NewChip();

        using var sensor = new Mpu6050Sensor(device, AccelerometerRange.Range08G, GyroscopeRange.Range1000Dps);

        Assert.Equal(0x01, device.Registers[0x6B]); // SLEEP cleared, CLKSEL = PLL with X gyro
        Assert.Equal(2 << 3, device.Registers[0x1C]); // AFS_SEL = 2
        Assert.Equal(2 << 3, device.Registers[0x1B]); // FS_SEL = 2
    }

    [Fact]
    public void Constructor_WrongWhoAmI_ThrowsIOExceptionWithExpectedAndFound()
    {
        var device = NewChip();
        device.Registers[0x75] = 0x71; // an MPU-9250 answers 0x71

        var exception = Assert.Throws<IOException>(() => new Mpu6050Sensor(device));

        Assert.Contains("expected an MPU-6050", exception.Message, StringComparison.Ordinal);
        Assert.Contains("0x68", exception.Message, StringComparison.Ordinal);
        Assert.Contains("found 0x71", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PlusMinus2G_Uses16384LsbPerG()
    {
        var device = NewChip();
        device.SetBigEndian(0x3B, 16384);
        device.SetBigEndian(0x3D, -16384);
        device.SetBigEndian(0x3F, 8192);
        using var sensor = new Mpu6050Sensor(device);
        var values = new float[6];

        sensor.Read(values);

        Assert.Equal(1f, values[0]);
        Assert.Equal(-1f, values[1]);
        Assert.Equal(0.5f, values[2]);
    }

    [Fact]
    public void Read_PlusMinus250Dps_Uses131LsbPerDegreePerSecond()
    {
        var device = NewChip();
        device.SetBigEndian(0x43, 131);
        device.SetBigEndian(0x45, -262);
        device.SetBigEndian(0x47, short.MaxValue);
        using var sensor = new Mpu6050Sensor(device);
        var values = new float[6];

        sensor.Read(values);

        Assert.Equal(1f, values[3], 1e-6f);
        Assert.Equal(-2f, values[4], 1e-6f);
        Assert.Equal(250.13f, values[5], 0.01f); // 32767 / 131
    }

    [Theory]
    [InlineData(0, 16384)]
    [InlineData(1, 8192)]
    [InlineData(2, 4096)]
    [InlineData(3, 2048)]
    public void Read_EachAccelerometerRange_OneGIsTheDatasheetSensitivity(int afsSel, short lsbPerG)
    {
        var device = NewChip();
        device.SetBigEndian(0x3F, lsbPerG);
        using var sensor = new Mpu6050Sensor(device, (AccelerometerRange)afsSel);
        var values = new float[6];

        sensor.Read(values);

        Assert.Equal(1f, values[2]);
    }

    [Theory]
    [InlineData(1, 655, 10f)]
    [InlineData(2, 328, 10f)]
    [InlineData(3, 164, 10f)]
    public void Read_EachGyroscopeRange_UsesTheDatasheetSensitivity(int fsSel, short raw, float expectedDps)
    {
        var device = NewChip();
        device.SetBigEndian(0x43, raw);
        using var sensor = new Mpu6050Sensor(device, gyroscopeRange: (GyroscopeRange)fsSel);
        var values = new float[6];

        sensor.Read(values);

        Assert.Equal(expectedDps, values[3], 1e-4f);
    }

    [Fact]
    public void Read_WithTemperature_AppliesTheRegisterMapFormula()
    {
        var device = NewChip();
        device.SetBigEndian(0x41, -521); // -521 / 340 + 36.53 = 34.998 °C
        using var sensor = new Mpu6050Sensor(device, includeTemperature: true);
        var values = new float[7];

        sensor.Read(values);

        Assert.Equal(7, sensor.ChannelCount);
        Assert.Equal("temperature_c", sensor.ChannelNames[6]);
        Assert.Equal(34.998f, values[6], 0.001f);
    }

    [Fact]
    public void ChannelNames_SixChannels_AccelerometerThenGyroscope()
    {
        using var sensor = new Mpu6050Sensor(NewChip());

        Assert.Equal(["accel_x_g", "accel_y_g", "accel_z_g", "gyro_x_dps", "gyro_y_dps", "gyro_z_dps"], sensor.ChannelNames);
    }

    [Fact]
    public void Read_BufferTooShort_ThrowsArgumentException()
    {
        using var sensor = new Mpu6050Sensor(NewChip());

        Assert.Throws<ArgumentException>(() => sensor.Read(new float[5]));
    }

    [Fact]
    public void Read_Warm_AllocatesNothing()
    {
        var device = NewChip();
        device.SetBigEndian(0x3B, 100);
        using var sensor = new Mpu6050Sensor(device);
        var values = new float[6];
        sensor.Read(values);

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                sensor.Read(values);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Dispose_OwnsTheDevice_DisposesIt()
    {
        var device = NewChip();
        var sensor = new Mpu6050Sensor(device);

        sensor.Dispose();

        Assert.True(device.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => sensor.Read(new float[6]));
    }

    private static SimulatedI2cDevice NewChip()
    {
        var device = new SimulatedI2cDevice(0x68);
        device.Registers[0x75] = 0x68; // WHO_AM_I reset value (RM §3)
        device.Registers[0x6B] = 0x40; // PWR_MGMT_1 reset value: asleep
        return device;
    }
}
