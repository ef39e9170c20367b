using System.Device.I2c;
using EdgeRnn.Device.Hardware.I2c;
using EdgeRnn.Device.Sources.Sensors;
using EdgeRnn.Device.Sources.Sensors.Bmx280;
using EdgeRnn.Device.Sources.Sensors.Ina219;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Device.Tests.Sources.Sensors.Bmx280;
using EdgeRnn.Device.Tests.Sources.Sensors.Ina219;

namespace EdgeRnn.Device.Tests.Hardware.Rig;

/// <summary>
/// The machine-monitoring sensor kinds, each opened from its <c>i2c:0:&lt;address&gt;:&lt;kind&gt;</c> spec through the
/// real i2c-dev and i2c-stub (chips at 0x76, 0x77, 0x40, 0x18, 0x19: .ci/kernel-rig.sh boots the rig with them) and checked
/// against the datasheets' worked examples. i2c-stub keeps a byte and a separate word per register (a word's low byte is
/// the byte register): the bindings' two-byte transfers travel as SMBus word data (first byte on the wire = the word's low
/// byte), so the presets below write both, as a real chip would answer both.
/// </summary>
[Trait("Category", "KernelRig")]
[Collection(nameof(RigDevices))]
public sealed class SensorKindsRigTests
{
    private const int Bus = 0;

    [RigFact]
    public void Bme280_DatasheetExample_ThroughTheSpec()
    {
        PresetByteRegisters(0x76, Bmx280Example.Registers(Bmx280Sensor.Bme280ChipId));

        using ISensor sensor = SensorFactory.Open("i2c:0:0x76:bme280");
        var values = new float[3];
        sensor.Read(values);

        Assert.Equal(25.08f, values[0], 0.005f);
        Assert.Equal(1006.5327f, values[1], 0.001f);
        Assert.Equal((float)Bmx280Example.ExpectedHumidityPercent(), values[2], 0.05f);
        using var check = Open(0x76);
        Assert.Equal(0b010_010_11, check.ReadByteData(0xF4)); // ×2, ×2, normal mode
    }

    [RigFact]
    public void Bme280_Read_AllocatesNothingThroughTheRealIoctl()
    {
        PresetByteRegisters(0x76, Bmx280Example.Registers(Bmx280Sensor.Bme280ChipId));
        using ISensor sensor = SensorFactory.Open("i2c:0:0x76:bme280");
        var values = new float[3];
        sensor.Read(values);

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                sensor.Read(values);
            }
        });

        Assert.Equal(0, allocated);
    }

    [RigFact]
    public void Bmp280_DatasheetExample_ThroughTheSpec()
    {
        PresetByteRegisters(0x77, Bmx280Example.Registers(Bmx280Sensor.Bmp280ChipId));

        using ISensor sensor = SensorFactory.Open("i2c:0:0x77:bmp280");
        var values = new float[2];
        sensor.Read(values);

        Assert.Equal(25.08f, values[0], 0.005f);
        Assert.Equal(1006.5327f, values[1], 0.001f);
    }

    [RigFact]
    public void Bme280_ChipIsABmp280_ThrowsWithTheIdFound()
    {
        PresetByteRegisters(0x77, Bmx280Example.Registers(Bmx280Sensor.Bmp280ChipId));

        var exception = Assert.Throws<IOException>(() => SensorFactory.Open("i2c:0:0x77:bme280"));

        Assert.Contains("found 0x58", exception.Message, StringComparison.Ordinal);
    }

    [RigFact]
    public void Ina219_DatasheetTable3_ThroughTheKernel()
    {
        using (var preset = Open(0x40))
        {
            preset.WriteWordData(0x01, 0x07, 0xD0); // shunt 20 mV
            preset.WriteWordData(0x02, 0x5D, 0x98); // bus 11.98 V
            preset.WriteWordData(0x03, 0x17, 0x66); // power 119.8 W
            preset.WriteWordData(0x04, 0x27, 0x10); // current 10.0 A
        }

        using var sensor = new Ina219Sensor(I2cDevices.Open(Bus, 0x40), Ina219SensorTests.DatasheetExample);
        var values = new float[4];
        sensor.Read(values);

        Assert.Equal(11.98f, values[0], 1e-4f);
        Assert.Equal(20f, values[1], 1e-4f);
        Assert.Equal(10f, values[2], 1e-4f);
        Assert.Equal(119.8f, values[3], 1e-3f);
        using var check = Open(0x40);
        var calibration = new byte[2];
        check.ReadWordData(0x05, calibration);
        Assert.Equal([0x50, 0x00], calibration); // 20480, most significant byte first on the wire
    }

    [RigFact]
    public void Ina219_DefaultSpec_OpensWithCalibration4096()
    {
        using ISensor sensor = SensorFactory.Open("i2c:0:0x40:ina219");

        Assert.Equal(["bus_v", "shunt_mv", "current_a", "power_w"], sensor.ChannelNames);
        using var check = Open(0x40);
        var calibration = new byte[2];
        check.ReadWordData(0x05, calibration);
        Assert.Equal([0x10, 0x00], calibration);
    }

    [RigFact]
    public void Mcp9808_AmbientRegister_ThroughTheSpec()
    {
        using (var preset = Open(0x18))
        {
            preset.WriteWordData(0x06, 0x00, 0x54); // manufacturer ID
            preset.WriteWordData(0x07, 0x04, 0x00); // device ID
            preset.WriteWordData(0x01, 0x01, 0x00); // CONFIG: shut down
            preset.WriteWordData(0x05, 0x1E, 0x70); // -25.0 °C
        }

        using ISensor sensor = SensorFactory.Open("i2c:0:0x18:mcp9808");
        var values = new float[1];
        sensor.Read(values);

        Assert.Equal(-25f, values[0]);
        using var check = Open(0x18);
        var config = new byte[2];
        check.ReadWordData(0x01, config);
        Assert.Equal(0, config[0] & 0x01); // SHDN cleared
    }

    [RigFact]
    public void Lis3dh_OutputRegisters_ThroughTheSpec()
    {
        using (var preset = Open(0x19))
        {
            preset.WriteByteData(0x0F, 0x33);
            // X = +1 g, Y = -0.5 g, Z = 0.25 g at ±2 g (1 mg per 12-bit digit, left-justified, low byte first); at A8h
            // because the burst sets the auto-increment bit, which i2c-stub takes as part of the register number.
            byte[] output = [0x80, 0x3E, 0xC0, 0xE0, 0xA0, 0x0F];
            for (int i = 0; i < output.Length; i++)
            {
                preset.WriteByteData((byte)(0xA8 + i), output[i]);
            }
        }

        using ISensor sensor = SensorFactory.Open("i2c:0:0x19:lis3dh");
        var values = new float[3];
        sensor.Read(values);

        Assert.Equal(1f, values[0], 1e-6f);
        Assert.Equal(-0.5f, values[1], 1e-6f);
        Assert.Equal(0.25f, values[2], 1e-6f);
    }

    [RigFact]
    public void Lis3dh_WrongWhoAmI_ThrowsIOException()
    {
        using (var preset = Open(0x19))
        {
            preset.WriteByteData(0x0F, 0x00);
        }

        var exception = Assert.Throws<IOException>(() => SensorFactory.Open("i2c:0:0x19:lis3dh"));

        Assert.Contains("should be 0x33, found 0x00", exception.Message, StringComparison.Ordinal);
    }

    private static SmbusI2cDevice Open(int address) => new(new I2cConnectionSettings(Bus, address));

    /// <summary>Writes a byte-register file from 0x80 up as words, so both the byte and the word at each register read as
    /// an 8-bit-register chip would answer them.</summary>
    private static void PresetByteRegisters(int address, byte[] registers)
    {
        using var device = Open(address);
        for (int register = 0x80; register < 0xFF; register++)
        {
            device.WriteWordData((byte)register, registers[register], registers[register + 1]);
        }

        device.WriteByteData(0xFF, registers[0xFF]);
    }
}
