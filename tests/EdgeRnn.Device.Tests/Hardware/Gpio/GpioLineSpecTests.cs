using EdgeRnn.Device.Hardware.Gpio;

namespace EdgeRnn.Device.Tests.Hardware.Gpio;

public class GpioLineSpecTests
{
    [Theory]
    [InlineData("gpio:0:17", "/dev/gpiochip0", 17, null, false)]
    [InlineData("gpio:4:5:active-low", "/dev/gpiochip4", 5, null, true)]
    [InlineData("gpio:gpiochip0:ALARM", "/dev/gpiochip0", -1, "ALARM", false)]
    [InlineData("gpio:/dev/gpiochip1:GPIO17:active-low", "/dev/gpiochip1", -1, "GPIO17", true)]
    public void Parse_ValidSpec_FindsChipLineAndPolarity(string spec, string chipPath, int line, string? name, bool activeLow)
    {
        GpioLineSpec parsed = GpioLineSpec.Parse(spec);

        Assert.Equal(new GpioLineSpec(chipPath, line, name, activeLow), parsed);
    }

    [Theory]
    [InlineData("gpio:0")]
    [InlineData("gpio:0:")]
    [InlineData("gpio::17")]
    [InlineData("i2c:1:0x68")]
    [InlineData("gpio:active-low")]
    [InlineData("gpio:0:-1")]
    [InlineData("gpio:0:3:active-high")]
    [InlineData("gpio:0:a b")]
    public void Parse_MalformedSpec_ThrowsFormatExceptionShowingTheExpectedShape(string spec)
    {
        var exception = Assert.Throws<FormatException>(() => GpioLineSpec.Parse(spec));

        Assert.Contains("gpio:<chip>:<line>[:active-low]", exception.Message, StringComparison.Ordinal);
        Assert.Contains(spec, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NamedActiveLowLine_IsReadable()
    {
        Assert.Equal("/dev/gpiochip0 line ALARM (active-low)", GpioLineSpec.Parse("gpio:0:ALARM:active-low").ToString());
    }
}
