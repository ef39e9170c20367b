using EdgeRnn.Device.Alarms;

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
    [InlineData("gpio:0:17", "/dev/gpiochip0", 17, false)]
    [InlineData("gpio:4:0:active-low", "/dev/gpiochip4", 0, true)]
    [InlineData("gpio:/dev/gpiochip1:22", "/dev/gpiochip1", 22, false)]
    [InlineData("gpio:/dev/gpiochip1:22:active-low", "/dev/gpiochip1", 22, true)]
    public void Parse_Gpio_ChipLineAndPolarity(string text, string chip, int line, bool activeLow) =>
        Assert.Equal(new GpioAlarmSpec(chip, line, activeLow), AlarmSpec.Parse(text));

    [Theory]
    [InlineData("", "found ''")]
    [InlineData("syslog", "found 'syslog'")]
    [InlineData("json:", "json:<path>")]
    [InlineData("gpio:0", "found 'gpio:0'")]
    [InlineData("gpio:0:x", "found line 'x'")]
    [InlineData("gpio:0:-1", "found line '-1'")]
    [InlineData("gpio:chip0:3", "found chip 'chip0'")]
    [InlineData("gpio:0:3:active-high", "found line 'active-high'")]
    [InlineData("Console", "found 'Console'")]
    public void Parse_Invalid_FormatExceptionSayingWhatWasFound(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => AlarmSpec.Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("Expected --alarm", e.Message, StringComparison.Ordinal);
    }
}
