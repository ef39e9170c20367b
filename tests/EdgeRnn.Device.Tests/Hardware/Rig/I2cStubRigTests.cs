using System.Device.I2c;
using EdgeRnn.Device.Hardware;
using EdgeRnn.Device.Hardware.I2c;
using EdgeRnn.Device.Sources.Sensors.Mpu6050;
using Iot.Device.Imu;

namespace EdgeRnn.Device.Tests.Hardware.Rig;

/// <summary>i2c-dev through <see cref="SmbusI2cDevice"/> (dotnet/iot's transfers carried over SMBus) and the MPU-6050 binding against the kernel's i2c-stub chip at 0x68 on /dev/i2c-0. The registers are
/// preset here with the real I2C_SMBUS ioctl, loaded with the datasheet's values (PS-MPU-6000A-00 §6.1/§6.2,
/// RM-MPU-6000A-00 §3 reset values and §4.18 temperature formula).</summary>
[Trait("Category", "KernelRig")]
[Collection(nameof(RigDevices))]
public sealed class I2cStubRigTests
{
    private const int Bus = 0;
    private const int StubAddress = 0x68;

    [RigFact]
    public void SmbusI2cDevice_Functionality_ReportsSmbusByteAndI2cBlockButNoPlainI2c()
    {
        using var device = Open(StubAddress);

        Assert.True(device.Functionality.HasFlag(I2cFunctionality.SmbusReadByteData | I2cFunctionality.SmbusWriteByteData));
        Assert.True(device.Functionality.HasFlag(I2cFunctionality.SmbusReadI2cBlock | I2cFunctionality.SmbusWriteI2cBlock));
        Assert.False(device.Functionality.HasFlag(I2cFunctionality.PlainI2c));
    }

    [RigFact]
    public void DotnetIotUnixI2cDevice_OnAnSmbusOnlyAdapter_FailsWherePlainI2cIsNeeded()
    {
        using I2cDevice stock = I2cDevice.Create(new I2cConnectionSettings(Bus, StubAddress));

        Assert.ThrowsAny<IOException>(() => stock.WriteRead([0x75], new byte[1]));
    }

    [RigFact]
    public void I2cDevicesOpen_SmbusOnlyAdapter_ChoosesTheSmbusDevice()
    {
        using I2cDevice device = I2cDevices.Open(Bus, StubAddress);

        Assert.IsType<SmbusI2cDevice>(device);
    }

    [RigFact]
    public void WriteRegisterAndValue_ThenWriteRead_RoundTripsThroughTheKernel()
    {
        using var device = Open(StubAddress);

        device.Write([0x10, 0xA5]);
        device.Write([0x11, 0x5A]);
        var read = new byte[1];
        device.WriteRead([0x10], read);

        Assert.Equal(0xA5, read[0]);
        Assert.Equal(0x5A, device.ReadByteData(0x11));
    }

    [RigFact]
    public void WriteSeveralValues_IsOneBlockWrite_ReadBackAsRegisters()
    {
        using var device = Open(StubAddress);

        device.Write([0x20, 0x01, 0x02, 0x03]);

        Assert.Equal(0x01, device.ReadByteData(0x20));
        Assert.Equal(0x02, device.ReadByteData(0x21));
        Assert.Equal(0x03, device.ReadByteData(0x22));
    }

    [RigFact]
    public void WriteByteThenRead_ThreeBytes_IsABlockReadFromThatRegister()
    {
        using var device = Open(StubAddress);
        device.WriteByteData(0x30, 0x12);
        device.WriteByteData(0x31, 0x34);
        device.WriteByteData(0x32, 0x56);

        device.WriteByte(0x30);
        var read = new byte[3];
        device.Read(read);

        Assert.Equal([0x12, 0x34, 0x56], read);
    }

    [RigFact]
    public void WriteByteThenRead_TwoBytes_IsOneWordReadFirstByteLow()
    {
        using var device = Open(StubAddress);
        device.WriteWordData(0x38, 0xAB, 0xCD); // i2c-stub's word register, apart from the byte register's high neighbour

        device.WriteByte(0x38);
        var read = new byte[2];
        device.Read(read);

        Assert.Equal([0xAB, 0xCD], read);
        Assert.Equal(0xAB, device.ReadByteData(0x38)); // the word's low byte is the byte register
    }

    [RigFact]
    public void WriteRead_LongerThanOneSmbusBlock_ReadsConsecutiveRegisters()
    {
        using var device = Open(StubAddress);
        for (int i = 0; i < 40; i++)
        {
            device.WriteByteData((byte)(0x80 + i), (byte)(0xC0 + i));
        }

        var block = new byte[40];
        device.WriteRead([0x80], block);

        Assert.Equal(Enumerable.Range(0xC0, 40).Select(i => (byte)i).ToArray(), block);
    }

    [RigFact]
    public void ReadByteData_NoChipAtTheAddress_ThrowsWithErrnoAndAddress()
    {
        using var device = Open(0x5F);

        var exception = Assert.Throws<HardwareIOException>(() => device.WriteRead([0x00], new byte[1]));

        Assert.NotEqual(0, exception.Errno);
        Assert.Contains("0x5F", exception.Message, StringComparison.Ordinal);
        Assert.Contains("/dev/i2c-0", exception.Message, StringComparison.Ordinal);
    }

    [RigFact]
    public void Mpu6050_DatasheetRegisters_ReadsGAndDegreesPerSecond()
    {
        PresetMpu6050(whoAmI: 0x68);
        using (var preset = Open(StubAddress))
        {
            SetBigEndian(preset, 0x3B, 16384); // +1 g at ±2 g
            SetBigEndian(preset, 0x3D, -8192); // -0.5 g
            SetBigEndian(preset, 0x3F, 2048); // 0.125 g
            SetBigEndian(preset, 0x41, 0x0BE0); // 3040 / 340 + 36.53 = 45.47 °C
            SetBigEndian(preset, 0x43, 131); // +1 °/s at ±250 °/s
            SetBigEndian(preset, 0x45, -1310); // -10 °/s
            SetBigEndian(preset, 0x47, 32767); // 250.13 °/s
        }

        using var sensor = new Mpu6050Sensor(Open(StubAddress), includeTemperature: true);
        var values = new float[7];
        sensor.Read(values);

        Assert.Equal(1f, values[0]);
        Assert.Equal(-0.5f, values[1]);
        Assert.Equal(0.125f, values[2]);
        Assert.Equal(1f, values[3], 1e-6f);
        Assert.Equal(-10f, values[4], 1e-5f);
        Assert.Equal(250.13f, values[5], 0.01f);
        Assert.Equal(45.47f, values[6], 0.01f);
        using var check = Open(StubAddress);
        Assert.Equal(0x01, check.ReadByteData(0x6B)); // woken, PLL clock (RM §4.28)
        Assert.Equal(0x00, check.ReadByteData(0x1C));
        Assert.Equal(0x00, check.ReadByteData(0x1B));
    }

    [RigFact]
    public void Mpu6050_PlusMinus16G_UsesTheRangeRegisterAndSensitivity()
    {
        PresetMpu6050(whoAmI: 0x68);
        using (var preset = Open(StubAddress))
        {
            SetBigEndian(preset, 0x3B, 2048 * 3);
        }

        using var sensor = new Mpu6050Sensor(Open(StubAddress), AccelerometerRange.Range16G, GyroscopeRange.Range2000Dps);
        var values = new float[6];
        sensor.Read(values);

        Assert.Equal(3f, values[0]);
        using var check = Open(StubAddress);
        Assert.Equal(3 << 3, check.ReadByteData(0x1C));
        Assert.Equal(3 << 3, check.ReadByteData(0x1B));
    }

    [RigFact]
    public void Mpu6050_WrongWhoAmI_ThrowsIOException()
    {
        PresetMpu6050(whoAmI: 0x70);

        var exception = Assert.Throws<IOException>(() => new Mpu6050Sensor(Open(StubAddress)));

        Assert.Contains("found 0x70", exception.Message, StringComparison.Ordinal);
        PresetMpu6050(whoAmI: 0x68);
    }

    [RigFact]
    public void Mpu6050_Read_AllocatesNothingThroughTheRealIoctl()
    {
        PresetMpu6050(whoAmI: 0x68);
        using var sensor = new Mpu6050Sensor(Open(StubAddress));
        var values = new float[6];
        sensor.Read(values);

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 200; i++)
            {
                sensor.Read(values);
            }
        });

        Assert.Equal(0, allocated);
    }

    private static SmbusI2cDevice Open(int address) => new(new I2cConnectionSettings(Bus, address));

    private static void PresetMpu6050(byte whoAmI)
    {
        using var device = Open(StubAddress);
        device.WriteByteData(0x75, whoAmI);
        device.WriteByteData(0x6B, 0x40); // PWR_MGMT_1 reset value: asleep (RM §3)
        device.WriteByteData(0x1B, 0x00);
        device.WriteByteData(0x1C, 0x00);
    }

    private static void SetBigEndian(SmbusI2cDevice device, byte register, short value)
    {
        device.WriteByteData(register, (byte)(value >> 8));
        device.WriteByteData((byte)(register + 1), (byte)value);
    }
}
