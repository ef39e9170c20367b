using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>
/// The messages' bodies: an event is the JSON object of <c>--alarm json</c> (<see cref="JsonLinesAlarmSink.Write"/>); the score
/// is its shortest round-trip decimal text; Home Assistant's discovery configs are JSON written by hand with
/// <see cref="Utf8JsonWriter"/> (no reflection, AOT-safe). Called on the publisher's task, never on the sample path.
/// </summary>
internal static class MqttPayloads
{
    private static readonly string Version = typeof(MqttPayloads).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>The bytes of a text payload (states).</summary>
    /// <param name="text">The text.</param>
    /// <returns>UTF-8 bytes.</returns>
    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>An event as JSON.</summary>
    /// <param name="buffer">A reusable buffer; the result is its written span.</param>
    /// <param name="alarm">The event.</param>
    /// <returns>The JSON bytes (valid until the buffer is used again).</returns>
    public static ReadOnlyMemory<byte> Event(ArrayBufferWriter<byte> buffer, in AlarmEvent alarm)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            JsonLinesAlarmSink.Write(json, alarm);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>A score as the shortest text that parses back to the same float, e.g. <c>0.7100863</c>.</summary>
    /// <param name="score">The score.</param>
    /// <returns>ASCII bytes.</returns>
    public static byte[] Score(float score) => Encoding.ASCII.GetBytes(score.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>The binary sensor's discovery config: <c>ON</c>/<c>OFF</c> on the alarm topic, device class <c>problem</c>,
    /// the last event's fields as attributes.</summary>
    /// <param name="topics">The output's topics.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] AlarmConfig(MqttTopics topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return Config(topics, "Alarm", "alarm", json =>
        {
            json.WriteString("state_topic", topics.Alarm);
            json.WriteString("payload_on", MqttTopics.On);
            json.WriteString("payload_off", MqttTopics.Off);
            json.WriteString("device_class", "problem");
            json.WriteString("json_attributes_topic", topics.Event);
        });
    }

    /// <summary>The score sensor's discovery config: a measurement in [0, 1] shown with 3 decimals.</summary>
    /// <param name="topics">The output's topics.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] ScoreConfig(MqttTopics topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return Config(topics, "Anomaly score", "score", json =>
        {
            json.WriteString("state_topic", topics.Score);
            json.WriteString("state_class", "measurement");
            json.WriteNumber("suggested_display_precision", 3);
        });
    }

    private static byte[] Config(MqttTopics topics, string name, string objectId, Action<Utf8JsonWriter> entity)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("unique_id", topics.NodeId + "_" + objectId);
            entity(json);
            json.WriteString("availability_topic", topics.State);
            json.WriteString("payload_available", MqttTopics.Online);
            json.WriteString("payload_not_available", MqttTopics.Offline);
            json.WriteNumber("qos", 1);
            json.WriteStartObject("device");
            json.WriteStartArray("identifiers");
            json.WriteStringValue(topics.NodeId);
            json.WriteEndArray();
            json.WriteString("name", "EdgeRnn " + topics.NodeId);
            json.WriteString("manufacturer", "EdgeRnn");
            json.WriteString("model", "edgernn-device");
            json.WriteString("sw_version", Version);
            json.WriteEndObject();
            json.WriteStartObject("origin");
            json.WriteString("name", "edgernn-device");
            json.WriteString("sw_version", Version);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
