using System.Globalization;
using System.Text;

namespace EdgeRnn.Device.Metrics;

internal sealed partial class DeviceMetrics
{
    /// <summary>The Content-Type of <see cref="Render"/>'s text.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Renders every metric in the Prometheus text exposition format 0.0.4 (allocates; for scrapes).</summary>
    /// <returns>The text, lines ending in \n.</returns>
    public string Render()
    {
        var text = new StringBuilder(2048);
        Counter(text, "edgernn_samples_total", "Samples processed.", Samples);
        Family(text, "edgernn_sample_rate", "gauge", "Samples processed per second over the last 10 s.");
        Sample(text, "edgernn_sample_rate", null, SampleRate);
        RenderLatency(text);
        Family(text, "edgernn_anomaly_score", "gauge", "Anomaly score of the last sample, in [0, 1].");
        Sample(text, "edgernn_anomaly_score", null, Score);
        Counter(text, "edgernn_alarms_raised_total", "Anomaly alarms raised.", AlarmsRaised);
        Family(text, "edgernn_alarm_active", "gauge", "1 while the anomaly alarm is active, else 0.");
        Sample(text, "edgernn_alarm_active", null, AlarmActive ? 1 : 0);
        Family(text, "edgernn_bad_frames_total", "counter", "Frames rejected (malformed, wrong channel count, bad values, ...), by reason.");
        foreach (var (reason, count) in BadFrames.Snapshot())
        {
            Sample(text, "edgernn_bad_frames_total", $"reason=\"{EscapeLabel(reason)}\"", count);
        }

        Counter(text, "edgernn_dropped_samples_total", "Samples dropped because inference fell behind the source.", DroppedSamples);
        Counter(text, "edgernn_state_saves_total", "Recurrent states saved to disk.", StateSaves);
        Counter(text, "edgernn_source_reconnects_total", "Times the sample source reconnected.", SourceReconnects);
        Counter(text, "edgernn_sensor_faults_total", "Sensor faults (a channel invalid for too long).", SensorFaults);
        Family(text, "edgernn_change_points_total", "counter", "Change points of the prediction error's level the detector reported, by direction.");
        Sample(text, "edgernn_change_points_total", "direction=\"up\"", ChangePointsUp);
        Sample(text, "edgernn_change_points_total", "direction=\"down\"", ChangePointsDown);
        Counter(text, "edgernn_score_rows_dropped_total", "Rows of the --scores file dropped because its writer fell behind a live source, or lost when it failed.", DroppedScoreRows);
        Family(text, "edgernn_timestamp_quirks_total", "counter", "Samples whose own timestamp stepped back, repeated the previous one, or jumped over 10 typical periods (all are scored, in arrival order).");
        Sample(text, "edgernn_timestamp_quirks_total", "kind=\"step_back\"", ClockStepsBack);
        Sample(text, "edgernn_timestamp_quirks_total", "kind=\"repeat\"", ClockRepeats);
        Sample(text, "edgernn_timestamp_quirks_total", "kind=\"gap\"", ClockGaps);
        if (Mqtt?.Invoke() is { } mqtt)
        {
            Family(text, "edgernn_mqtt_connected", "gauge", "1 while the MQTT output is connected to its broker, else 0.");
            Sample(text, "edgernn_mqtt_connected", null, mqtt.Connected ? 1 : 0);
            Counter(text, "edgernn_mqtt_events_published_total", "Alarm events the MQTT broker acknowledged (QoS 1).", mqtt.Published);
            Counter(text, "edgernn_mqtt_events_dropped_total", "Alarm events dropped because the MQTT output's queue was full while the broker could not be reached.", mqtt.Dropped);
            Family(text, "edgernn_mqtt_events_queued", "gauge", "Alarm events waiting for the MQTT broker.");
            Sample(text, "edgernn_mqtt_events_queued", null, mqtt.Queued);
            Counter(text, "edgernn_mqtt_reconnects_total", "Connections to the MQTT broker after the first one.", mqtt.Reconnects);
        }

        return text.ToString();
    }

    /// <summary>Formats a sample value as Prometheus expects: NaN, +Inf, -Inf or a round-trip decimal.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatValue(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Escapes a label value: backslash, double quote and newline.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The escaped value.</returns>
    public static string EscapeLabel(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    private void RenderLatency(StringBuilder text)
    {
        const string Name = "edgernn_step_latency_seconds";
        Family(text, Name, "histogram", "Time to normalise, step and score one sample, in seconds.");
        var bounds = LatencyHistogram.UpperBoundTicks;
        Span<long> cumulative = stackalloc long[bounds.Length + 1];
        double sum = StepLatency.Snapshot(cumulative);
        for (int i = 0; i < bounds.Length; i++)
        {
            decimal seconds = bounds[i] / (decimal)TimeSpan.TicksPerSecond;
            Sample(text, Name + "_bucket", $"le=\"{seconds.ToString("0.##########", CultureInfo.InvariantCulture)}\"", cumulative[i]);
        }

        Sample(text, Name + "_bucket", "le=\"+Inf\"", cumulative[bounds.Length]);
        Sample(text, Name + "_sum", null, sum);
        Sample(text, Name + "_count", null, cumulative[bounds.Length]);
    }

    internal static void Counter(StringBuilder text, string name, string help, long value)
    {
        Family(text, name, "counter", help);
        Sample(text, name, null, value);
    }

    internal static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    internal static void Sample(StringBuilder text, string name, string? labels, double value)
    {
        text.Append(name);
        if (labels is not null)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(FormatValue(value)).Append('\n');
    }
}
