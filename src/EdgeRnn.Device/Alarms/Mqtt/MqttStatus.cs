namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>What an MQTT output has done so far (the metrics endpoint and the run's summary read it).</summary>
/// <param name="Connected">Whether the broker connection is up.</param>
/// <param name="Published">Events the broker acknowledged (QoS 1).</param>
/// <param name="Dropped">Events dropped because the queue was full while the broker could not be reached.</param>
/// <param name="Queued">Events waiting for the broker now.</param>
/// <param name="Reconnects">Connections made after the first one.</param>
/// <param name="Unsent">Events still queued when the output stopped (its flush timed out), or 0 while running.</param>
internal readonly record struct MqttStatus(bool Connected, long Published, long Dropped, int Queued, long Reconnects, int Unsent);
