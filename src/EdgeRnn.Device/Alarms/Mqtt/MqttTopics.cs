namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>
/// The topics of one MQTT output, under its prefix: <c>&lt;prefix&gt;/event</c> (one JSON object per event, QoS 1),
/// <c>&lt;prefix&gt;/state</c> (availability: <c>online</c>, or <c>offline</c> by the last will or a clean stop; retained),
/// <c>&lt;prefix&gt;/alarm</c> (<c>ON</c>/<c>OFF</c>, retained), <c>&lt;prefix&gt;/score</c> (the latest score, at most once per
/// score interval), and with discovery Home Assistant's config topics
/// <c>&lt;discovery&gt;/binary_sensor/&lt;node&gt;/alarm/config</c> and <c>&lt;discovery&gt;/sensor/&lt;node&gt;/score/config</c>.
/// </summary>
internal sealed class MqttTopics
{
    /// <summary>The availability payload while the device runs.</summary>
    public const string Online = "online";

    /// <summary>The availability payload once it stopped or was lost (the last will).</summary>
    public const string Offline = "offline";

    /// <summary>The alarm state payload while an alarm is active.</summary>
    public const string On = "ON";

    /// <summary>The alarm state payload while no alarm is active.</summary>
    public const string Off = "OFF";

    /// <summary>Derives the topics of a spec.</summary>
    /// <param name="spec">The spec.</param>
    public MqttTopics(MqttAlarmSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        NodeId = spec.ClientId;
        Event = spec.TopicPrefix + "/event";
        State = spec.TopicPrefix + "/state";
        Alarm = spec.TopicPrefix + "/alarm";
        Score = spec.TopicPrefix + "/score";
        if (spec.DiscoveryPrefix is { } discovery)
        {
            AlarmConfig = $"{discovery}/binary_sensor/{NodeId}/alarm/config";
            ScoreConfig = spec.ScoreInterval > TimeSpan.Zero ? $"{discovery}/sensor/{NodeId}/score/config" : null;
        }
    }

    /// <summary>Home Assistant's node id (the client id).</summary>
    public string NodeId { get; }

    /// <summary>Events, QoS 1, not retained.</summary>
    public string Event { get; }

    /// <summary>Availability, retained.</summary>
    public string State { get; }

    /// <summary>The alarm state, retained.</summary>
    public string Alarm { get; }

    /// <summary>The score, QoS 0, not retained.</summary>
    public string Score { get; }

    /// <summary>The binary sensor's discovery config topic, or null without discovery.</summary>
    public string? AlarmConfig { get; }

    /// <summary>The score sensor's discovery config topic, or null without discovery or without score messages.</summary>
    public string? ScoreConfig { get; }
}
