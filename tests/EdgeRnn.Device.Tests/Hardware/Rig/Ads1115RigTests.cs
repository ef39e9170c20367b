using System.Device.I2c;
using Iot.Device.Ads1115;
using EdgeRnn.Device.Hardware;
using EdgeRnn.Device.Hardware.I2c;
using EdgeRnn.Device.Sources.Sensors.Ads1115;

namespace EdgeRnn.Device.Tests.Hardware.Rig;

/// <summary>The ADS1115 binding (through <see cref="SmbusI2cDevice"/>) against a second i2c-stub chip at the ADS1115's default address 0x48 (the rig booted with
/// <c>rig_i2c_addr=0x68,0x48</c>, as .ci/kernel-rig.sh does). i2c-stub keeps 16-bit word registers and stores what is
/// written, so OS reads back 1 at once and Conversion holds the preset code; the binding's two-byte transfers travel as SMBus
/// word data, whose first byte on the wire is the word's low byte, so a preset code goes in most significant byte first,
/// exactly as the chip would put it on the wire.</summary>
[Trait("Category", "KernelRig")]
[Collection(nameof(RigDevices))]
public sealed class Ads1115RigTests
{
    private const int Bus = 0;

    [RigFact]
    public void Read_FullScaleCodeAtPlusMinus2048MilliVolts_Is2Point047937VoltsOnEveryInput()
    {
        PresetConversion(0x7FFF);

        using var sensor = new Ads1115Sensor(Open(), dataRate: DataRate.SPS860);
        var values = new float[4];
        sensor.Read(values);

        Assert.All(values, v => Assert.Equal(2.047937f, v, 1e-6f));
    }

    [RigFact]
    public void Read_LastConfigWrite_IsAin3SingleShotMostSignificantByteFirst()
    {
        PresetConversion(16000);

        using var sensor = new Ads1115Sensor(Open(), MeasuringRange.FS4096, DataRate.SPS128);
        var values = new float[4];
        sensor.Read(values);

        Assert.Equal(2.0f, values[3], 1e-6f); // 16000 × 125 µV
        using var check = Open();
        // OS = 1, MUX = 111b (AIN3), PGA = 001b, MODE = 1, DR = 100b, COMP_QUE = 11b = F383h, most significant byte first
        // on the wire (one SMBus write word data, whose first byte is the word's low byte in the stub).
        var config = new byte[2];
        check.ReadWordData(0x01, config);
        Assert.Equal([0xF3, 0x83], config);
    }

    [RigFact]
    public void Read_NegativeCode_IsNegativeVolts()
    {
        PresetConversion(-8000);

        using var sensor = new Ads1115Sensor(Open(), dataRate: DataRate.SPS860);

        Assert.Equal(-0.5f, sensor.ReadChannel(0), 1e-6f);
    }

    private static SmbusI2cDevice Open()
    {
        var device = new SmbusI2cDevice(new I2cConnectionSettings(Bus, Ads1115Sensor.DefaultAddress));
        try
        {
            _ = device.ReadByteData(0x02);
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
        device.WriteWordData(0x00, (byte)(code >> 8), (byte)code);
    }
}
