using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Hardware.Gpio;

namespace EdgeRnn.Device.Tests.Alarms;

public class AlarmSpecTests
{
    [Fact]
    public void Parse_Console_ConsoleSpec() => Assert.IsType<ConsoleAlarmSpec>(AlarmSpec.Parse("console"));

    [Fact]
    public void Parse_Json_StandardOutput() => Assert.Equal(new JsonAlarmSpec(null), AlarmSpec.Parse("json"));

    [Fact]
    public void Parse_JsonWithPath_KeepsThePathWithColons() =>
        Assert.Equal(new JsonAlarmSpec("/var/log/edge:rnn/alarms.jsonl"), AlarmSpec.Parse("json:/var/log/edge:rnn/alarms.jsonl"));

    [Theory]
    [InlineData("gpio:0:17", "/dev/gpiochip0", 17, null, false)]
    [InlineData("gpio:4:0:active-low", "/dev/gpiochip4", 0, null, true)]
    [InlineData("gpio:/dev/gpiochip1:22", "/dev/gpiochip1", 22, null, false)]
    [InlineData("gpio:/dev/gpiochip1:22:active-low", "/dev/gpiochip1", 22, null, true)]
    [InlineData("gpio:gpiochip0:GPIO17", "/dev/gpiochip0", -1, "GPIO17", false)]
    [InlineData("gpio:0:ALARM:active-low", "/dev/gpiochip0", -1, "ALARM", true)]
    public void Parse_Gpio_ChipLineAndPolarity(string text, string chip, int line, string? name, bool activeLow) =>
        Assert.Equal(new GpioAlarmSpec(new GpioLineSpec(chip, line, name, activeLow)), AlarmSpec.Parse(text));

    [Theory]
    [InlineData("", "found ''")]
    [InlineData("syslog", "found 'syslog'")]
    [InlineData("json:", "json:<path>")]
    [InlineData("gpio:0", "a chip and a line are needed")]
    [InlineData("gpio:0:-1", "line '-1' is not a number")]
    [InlineData("gpio:0:17x!", "line '17x!' is not a number")]
    [InlineData("gpio:0:3:active-high", "chip '0:3' is not a number")]
    [InlineData("gpio:chip 0:3", "chip 'chip 0' is not a number")]
    [InlineData("Console", "found 'Console'")]
    public void Parse_Invalid_FormatExceptionSayingWhatWasFound(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => AlarmSpec.Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("Expected --alarm", e.Message, StringComparison.Ordinal);
    }
}
