using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Alarms.Mqtt;

namespace EdgeRnn.Device.Tests.Alarms.Mqtt;

public class MqttAlarmSpecTests
{
    [Fact]
    public void Parse_HostAndPrefixOnly_DefaultsForEverythingElse()
    {
        var spec = Assert.IsType<MqttAlarmSpec>(AlarmSpec.Parse("mqtt://broker.local/edgernn/pump1"));

        Assert.Equal("broker.local", spec.Host);
        Assert.Equal(1883, spec.Port);
        Assert.Null(spec.UserName);
        Assert.Null(spec.Password);
        Assert.Equal("edgernn/pump1", spec.TopicPrefix);
        Assert.Equal(MqttAlarmSpec.DefaultClientId, spec.ClientId);
        Assert.StartsWith("edgernn-", spec.ClientId, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), spec.ScoreInterval);
        Assert.Equal(1000, spec.QueueCapacity);
        Assert.Equal("homeassistant", spec.DiscoveryPrefix);
    }

    [Fact]
    public void Parse_EveryPart_TakenAsGiven()
    {
        var spec = MqttAlarmSpec.ParseBody("mqtt://pump%40site:s3cr%3At@10.0.0.2:8883/site/pump-1/?client-id=pump_1&score-interval=500ms&queue=20&discovery=ha");

        Assert.Equal(new MqttAlarmSpec("10.0.0.2", 8883, "pump@site", "s3cr:t", "site/pump-1", "pump_1", TimeSpan.FromMilliseconds(500), 20, "ha"), spec);
    }

    [Fact]
    public void Parse_NoPrefix_EdgernnAndTheClientId() =>
        Assert.Equal("edgernn/dev-7", MqttAlarmSpec.ParseBody("mqtt://localhost?client-id=dev-7").TopicPrefix);

    [Fact]
    public void Parse_Ipv6Host_WithoutBrackets() =>
        Assert.Equal("::1", MqttAlarmSpec.ParseBody("mqtt://[::1]:1884/x", "id").Host);

    [Theory]
    [InlineData("5", 5.0)]
    [InlineData("2.5s", 2.5)]
    [InlineData("100ms", 0.1)]
    [InlineData("2m", 120.0)]
    [InlineData("off", 0.0)]
    [InlineData("0", 0.0)]
    public void Parse_ScoreInterval_SecondsOrWithAUnit(string value, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), MqttAlarmSpec.ParseBody("mqtt://h/p?score-interval=" + value, "id").ScoreInterval);

    [Fact]
    public void Parse_DiscoveryOff_NoPrefix() => Assert.Null(MqttAlarmSpec.ParseBody("mqtt://h/p?discovery=off", "id").DiscoveryPrefix);

    [Fact]
    public void ToString_WithPassword_ShowsTheUserOnly()
    {
        var spec = MqttAlarmSpec.ParseBody("mqtt://ann:hunter2@h:1884/p", "id");

        Assert.Equal("mqtt://ann@h:1884/p", spec.ToString());
        Assert.DoesNotContain("hunter2", spec.Display, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mqtt://", "a broker host")]
    [InlineData("mqtt:///prefix", "a broker host")]
    [InlineData("mqtt://h:0/p", "a port from 1 to 65535")]
    [InlineData("mqtt://h/a/+/b", "without the wildcards")]
    [InlineData("mqtt://h/a//b", "non-empty topic levels")]
    [InlineData("mqtt://h/p#x", "no #fragment")]
    [InlineData("mqtt://h/p?qos=2", "found 'qos=2'")]
    [InlineData("mqtt://h/p?queue", "found 'queue'")]
    [InlineData("mqtt://h/p?queue=0", "queue as a count of events from 1")]
    [InlineData("mqtt://h/p?queue=many", "found 'many'")]
    [InlineData("mqtt://h/p?queue=100001", "from 1 to 100,000; found '100001'")]
    [InlineData("mqtt://h/p?queue=5&queue=6", "queue at most once")]
    [InlineData("mqtt://h/p?score-interval=10ms", "score-interval as a duration from 100ms")]
    [InlineData("mqtt://h/p?score-interval=soon", "found 'soon'")]
    [InlineData("mqtt://h/p?client-id=my%20pump", "client-id of 1 to 64 letters")]
    [InlineData("mqtt://h/p?discovery=home/+", "discovery prefix")]
    public void Parse_Invalid_FormatExceptionSayingWhatWasExpected(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => AlarmSpec.Parse(text));

        Assert.StartsWith("Expected --alarm mqtt://", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidWithPassword_TheMessageHidesIt()
    {
        var e = Assert.Throws<FormatException>(() => AlarmSpec.Parse("mqtt://ann:hunter2@h/p?queue=0"));

        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
        Assert.Contains("ann:***@h", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Topics_FromSpec_UnderThePrefixAndHomeAssistantsDiscoveryLayout()
    {
        var topics = new MqttTopics(MqttAlarmSpec.ParseBody("mqtt://h/site/pump1?client-id=pump1"));

        Assert.Equal("site/pump1/event", topics.Event);
        Assert.Equal("site/pump1/state", topics.State);
        Assert.Equal("site/pump1/alarm", topics.Alarm);
        Assert.Equal("site/pump1/score", topics.Score);
        Assert.Equal("homeassistant/binary_sensor/pump1/alarm/config", topics.AlarmConfig);
        Assert.Equal("homeassistant/sensor/pump1/score/config", topics.ScoreConfig);
    }

    [Fact]
    public void Topics_ScoreOff_NoScoreSensor()
    {
        var topics = new MqttTopics(MqttAlarmSpec.ParseBody("mqtt://h/p?client-id=a&score-interval=off"));

        Assert.NotNull(topics.AlarmConfig);
        Assert.Null(topics.ScoreConfig);
    }
}
