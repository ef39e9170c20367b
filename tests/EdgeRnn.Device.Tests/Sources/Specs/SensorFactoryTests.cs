using EdgeRnn.Device.Hardware;
using EdgeRnn.Device.Sources.Specs;

namespace EdgeRnn.Device.Tests.Sources.Specs;

public class SensorFactoryTests
{
    [Theory]
    [InlineData("i2c:1:0x68")]
    [InlineData("spi:0:0:mpu6050")]
    [InlineData("i2c:one:0x68:mpu6050")]
    [InlineData("i2c:1:0xZZ:mpu6050")]
    public void Open_MalformedSpec_ThrowsArgumentExceptionQuotingIt(string spec)
    {
        var exception = Assert.Throws<ArgumentException>(() => SensorFactory.Open(spec));

        Assert.Contains("expected", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UnknownDriver_ListsTheKnownOnes()
    {
        var exception = Assert.Throws<ArgumentException>(() => SensorFactory.Open("i2c:1:0x44:sht31"));

        Assert.Contains("mpu6050, ads1115, bme280, bmp280, ina219, mcp9808, lis3dh", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AddressOutside7Bits_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SensorFactory.Open("i2c:1:0x80:mpu6050"));
    }

    [Fact]
    public void Open_MissingBus_ThrowsHardwareIOExceptionNamingTheDevice()
    {
        var exception = Assert.Throws<HardwareIOException>(() => SensorFactory.Open("i2c:250:0x68:mpu6050"));

        Assert.Equal("/dev/i2c-250", exception.DevicePath);
        Assert.Equal(2, exception.Errno);
    }
}
