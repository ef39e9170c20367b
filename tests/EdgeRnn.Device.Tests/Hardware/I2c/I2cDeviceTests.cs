using EdgeRnn.Device.Hardware.I2c;

namespace EdgeRnn.Device.Tests.Hardware.I2c;

public class I2cDeviceTests
{
    [Fact]
    public void ReadByteData_DefaultImplementation_ReadsTheRegister()
    {
        using var device = new SimulatedI2cDevice();
        device.Registers[0x75] = 0x68;

        Assert.Equal(0x68, device.ReadByteData(0x75));
    }

    [Fact]
    public void WriteByteData_DefaultImplementation_StoresTheRegister()
    {
        using var device = new SimulatedI2cDevice();

        device.WriteByteData(0x6B, 0x01);

        Assert.Equal(0x01, device.Registers[0x6B]);
        Assert.Equal([(0x6B, 0x01)], device.Writes.Select(w => ((int)w.Register, (int)w.Value)));
    }

    [Fact]
    public void ReadWordData_DefaultImplementation_IsLittleEndianOnTheWire()
    {
        using var device = new SimulatedI2cDevice();
        device.Registers[0x10] = 0x34;
        device.Registers[0x11] = 0x12;

        Assert.Equal(0x1234, device.ReadWordData(0x10));
    }

    [Fact]
    public void WriteWordData_DefaultImplementation_SendsLowByteFirst()
    {
        using var device = new SimulatedI2cDevice();

        device.WriteWordData(0x20, 0xABCD);

        Assert.Equal(0xCD, device.Registers[0x20]);
        Assert.Equal(0xAB, device.Registers[0x21]);
    }

    [Fact]
    public void ReadBlockData_DefaultImplementation_ReadsConsecutiveRegisters()
    {
        using var device = new SimulatedI2cDevice();
        for (int i = 0; i < 14; i++)
        {
            device.Registers[0x3B + i] = (byte)(i + 1);
        }

        Span<byte> block = stackalloc byte[14];
        device.ReadBlockData(0x3B, block);

        Assert.Equal(Enumerable.Range(1, 14).Select(i => (byte)i).ToArray(), block.ToArray());
    }

    [Fact]
    public void WriteBlockData_DefaultImplementation_WritesConsecutiveRegisters()
    {
        using var device = new SimulatedI2cDevice();

        device.WriteBlockData(0x40, [9, 8, 7]);

        Assert.Equal([9, 8, 7], device.Registers[0x40..0x43]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void ReadBlockData_LengthOutside1To32_Throws(int length)
    {
        using var device = new SimulatedI2cDevice();

        Assert.Throws<ArgumentOutOfRangeException>(() => device.ReadBlockData(0, new byte[length]));
    }

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x78)]
    [InlineData(-1)]
    public void ConnectionSettings_AddressOutside7BitRange_ThrowsWithExpectedRange(int address)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new I2cConnectionSettings(1, address));

        Assert.Contains("0x03..0x77", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionSettings_ToString_NamesBusAndAddress()
    {
        Assert.Equal("i2c bus 1 address 0x48", new I2cConnectionSettings(1, 0x48).ToString());
    }
}
