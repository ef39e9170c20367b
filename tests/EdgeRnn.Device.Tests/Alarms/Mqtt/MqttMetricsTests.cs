using EdgeRnn.Device.Alarms.Mqtt;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Tests.Metrics;

namespace EdgeRnn.Device.Tests.Alarms.Mqtt;

/// <summary>The MQTT output's status in the metrics and the run's summary.</summary>
public class MqttMetricsTests
{
    [Fact]
    public void Render_WithAnMqttOutput_ItsConnectionAndCountersAsValidFamilies()
    {
        var metrics = new DeviceMetrics(new ManualTime()) { Mqtt = () => new MqttStatus(true, 24, 8, 3, 1, 0) };

        var samples = Exposition.Parse(metrics.Render());

        Assert.Equal(1, Exposition.Value(samples, "edgernn_mqtt_connected"));
        Assert.Equal(24, Exposition.Value(samples, "edgernn_mqtt_events_published_total"));
        Assert.Equal(8, Exposition.Value(samples, "edgernn_mqtt_events_dropped_total"));
        Assert.Equal(3, Exposition.Value(samples, "edgernn_mqtt_events_queued"));
        Assert.Equal(1, Exposition.Value(samples, "edgernn_mqtt_reconnects_total"));
    }

    [Fact]
    public void Render_WithoutAnMqttOutput_NoMqttFamilies() =>
        Assert.DoesNotContain("edgernn_mqtt_", new DeviceMetrics(new ManualTime()).Render(), StringComparison.Ordinal);

    [Fact]
    public void Summary_WithAnMqttLine_PrintedUnderItsName()
    {
        var writer = new StringWriter();
        var status = new RunStatus(TimeSpan.FromSeconds(1), 10, 0.001, 0.5f, false, 1, 0, 0, 0);

        new RunSummary("sim:pump", "end of the source", status, 0, 0, 0, 0, null, new KnownAnomalyTally(10), Mqtt: "24 events published to mqtt://h:1883/p (QoS 1), 8 dropped (queue of 4), 0 unsent at exit, 1 reconnects").WriteTo(writer);

        Assert.Contains("\n  mqtt        24 events published to mqtt://h:1883/p (QoS 1), 8 dropped", writer.ToString(), StringComparison.Ordinal);
    }
}
