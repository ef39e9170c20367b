using System.Buffers.Binary;
using EdgeRnn.Device.Hardware;
using EdgeRnn.Device.Hardware.I2c;
using EdgeRnn.Device.Sensors.Ads1115;

namespace EdgeRnn.Device.Tests.Hardware.Rig;

/// <summary>The ADS1115 driver against a second i2c-stub chip at the ADS1115's default address 0x48 (the rig booted with
/// <c>rig_i2c_addr=0x68,0x48</c>, as .ci/kernel-rig.sh does). i2c-stub keeps 16-bit word registers and stores what is
/// written, so OS reads back 1 at once and Conversion holds the preset code; the ADS1115 is big-endian, SMBus words are
/// little-endian, so a preset code goes in byte-swapped exactly as the chip would put it on the wire.</summary>
[Trait("Category", "KernelRig")]
[Collection(nameof(RigDevices))]
public sealed class Ads1115RigTests
{
    private const int Bus = 0;

    [RigFact]
    public void Read_FullScaleCodeAtPlusMinus2048MilliVolts_Is2Point047937VoltsOnEveryInput()
    {
        PresetConversion(0x7FFF);

        using var sensor = new Ads1115Sensor(Open(), dataRate: Ads1115DataRate.Sps860);
        var values = new float[4];
        sensor.Read(values);

        Assert.All(values, v => Assert.Equal(2.047937f, v, 1e-6f));
    }

    [RigFact]
    public void Read_LastConfigWrite_IsAin3SingleShotMostSignificantByteFirst()
    {
        PresetConversion(16000);

        using var sensor = new Ads1115Sensor(Open(), Ads1115Range.PlusMinus4096MilliVolts, Ads1115DataRate.Sps128);
        var values = new float[4];
        sensor.Read(values);

        Assert.Equal(2.0f, values[3], 1e-6f); // 16000 × 125 µV
        using var check = Open();
        // OS = 1, MUX = 111b (AIN3), PGA = 001b, MODE = 1, DR = 100b, COMP_QUE = 11b = F383h; the stub stores the word as
        // the wire bytes F3 83, so its low (first) byte is the register's most significant byte.
        Assert.Equal(0xF383, BinaryPrimitives.ReverseEndianness(check.ReadWordData(0x01)));
        Assert.Equal(0xF3, check.ReadByteData(0x01));
    }

    [RigFact]
    public void Read_NegativeCode_IsNegativeVolts()
    {
        PresetConversion(-8000);

        using var sensor = new Ads1115Sensor(Open(), dataRate: Ads1115DataRate.Sps860);

        Assert.Equal(-0.5f, sensor.ReadChannel(0), 1e-6f);
    }

    private static LinuxI2cDevice Open()
    {
        var device = new LinuxI2cDevice(new I2cConnectionSettings(Bus, Ads1115Sensor.DefaultAddress));
        try
        {
            _ = device.ReadWordData(0x02);
            return device;
        }
        catch (HardwareIOException exception)
        {
            device.Dispose();
            throw new InvalidOperationException(
                "no i2c-stub chip at 0x48: boot the rig with RIG_APPEND='rig_i2c_addr=0x68,0x48' (.ci/kernel-rig.sh does)", exception);
        }
    }

    private static void PresetConversion(short code)
    {
        using var device = Open();
        device.WriteWordData(0x00, BinaryPrimitives.ReverseEndianness((ushort)code));
    }
}
