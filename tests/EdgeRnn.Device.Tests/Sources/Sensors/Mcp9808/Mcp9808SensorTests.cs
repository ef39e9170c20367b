using EdgeRnn.Device.Sources.Sensors.Mcp9808;
using EdgeRnn.Device.Tests.Hardware.I2c;

namespace EdgeRnn.Device.Tests.Sources.Sensors.Mcp9808;

/// <summary>MCP9808 datasheet DS25095A §5.1.3 (T_A register: sign at bit 12, 2^7..2^-4 °C in bits 11..0, flags in
/// 15..13) and §5.1.5/5.1.6 (manufacturer ID 0054h, device ID 0400h).</summary>
public class Mcp9808SensorTests
{
    [Theory]
    [InlineData(0x0190, 25.0f)] // 0000 0001 1001 0000: 16 + 8 + 1 = 25 °C
    [InlineData(0x0194, 25.25f)]
    [InlineData(0xC194, 25.25f)] // T_CRIT and T_UPPER flags set: ignored
    [InlineData(0x1E70, -25.0f)] // sign set: 0x1E70 - 0x2000 = -400 sixteenths
    [InlineData(0x1FFF, -0.0625f)]
    public void Read_AmbientRegisterLayout_IsCelsius(int register, float celsius)
    {
        var chip = NewChip();
        chip.Registers[0x05] = (ushort)register;
        using var sensor = new Mcp9808Sensor(chip);
        var values = new float[1];

        sensor.Read(values);

        Assert.Equal(celsius, values[0]);
    }

    [Fact]
    public void Read_AmbientRegister_IsCelsius()
    {
        var chip = NewChip();
        chip.Registers[0x05] = 0x0194;
        using var sensor = new Mcp9808Sensor(chip);
        var values = new float[1];

        sensor.Read(values);

        Assert.Equal(["temperature_c"], sensor.ChannelNames);
        Assert.Equal(25.25f, values[0]);
        Assert.Equal(0, chip.Registers[0x01] & 0x0100); // SHDN cleared: converting
    }

    [Fact]
    public void Constructor_WrongDeviceId_ThrowsIOExceptionWithTheIdsFound()
    {
        var chip = NewChip();
        chip.Registers[0x07] = 0x0200;

        var exception = Assert.Throws<IOException>(() => new Mcp9808Sensor(chip));

        Assert.Contains("found 0x0054 and 0x0200", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Warm_AllocatesNothing()
    {
        using var sensor = new Mcp9808Sensor(NewChip());
        var values = new float[1];
        sensor.Read(values);

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                sensor.Read(values);
            }
        });

        Assert.Equal(0, allocated);
    }

    private static SimulatedWordRegisters NewChip()
    {
        var chip = new SimulatedWordRegisters(0x18);
        chip.Registers[0x06] = 0x0054;
        chip.Registers[0x07] = 0x0400;
        chip.Registers[0x01] = 0x0100; // shut down, as a chip left asleep
        return chip;
    }
}
