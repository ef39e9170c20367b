using System.Globalization;

namespace EdgeRnn.Device.Pipeline;

/// <summary>What a run did, printed when it ends.</summary>
/// <param name="Source">The source spec.</param>
/// <param name="Ending">Why it ended: the end of the source, the sample limit, or the signal.</param>
/// <param name="Status">The final counters.</param>
/// <param name="NonFinite">Samples with NaN or infinite values (held at the last valid value).</param>
/// <param name="Skipped">Samples skipped for a channel count other than the first sample's.</param>
/// <param name="SensorFaults">Sensor faults that began.</param>
/// <param name="StateSaves">States saved.</param>
/// <param name="StatePath">The state file, or null without <c>--state</c>.</param>
/// <param name="Tally">Alarms against the recording's labels.</param>
/// <param name="Clock">What the samples' timestamps did (steps back, repeats, gaps), or null when they were regular.</param>
/// <param name="ChangePoints">Change points of the error's level the detector reported, up and down.</param>
/// <param name="Scores">The <c>--scores</c> file, its rows written and dropped, or null without it.</param>
/// <param name="Mqtt">The MQTT output's line (events published, dropped, unsent, reconnects), or null without one.</param>
internal sealed record RunSummary(
    string Source,
    string Ending,
    RunStatus Status,
    long NonFinite,
    long Skipped,
    long SensorFaults,
    long StateSaves,
    string? StatePath,
    KnownAnomalyTally Tally,
    string? Clock = null,
    (long Up, long Down) ChangePoints = default,
    (string Path, long Written, long Dropped)? Scores = null,
    string? Mqtt = null)
{
    /// <summary>Writes the summary, one fact per line.</summary>
    /// <param name="writer">Where to write.</param>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var c = CultureInfo.InvariantCulture;
        double seconds = Status.Elapsed.TotalSeconds;
        double rate = seconds > 0 ? Status.Samples / seconds : 0;
        double step = Status.Samples > 0 ? Status.StepSeconds / Status.Samples * 1e6 : 0;
        writer.WriteLine(string.Create(c, $"summary: {Source} — {Ending}"));
        writer.WriteLine(string.Create(c, $"  samples     {Status.Samples:N0} in {seconds:0.0} s ({rate:N0}/s), mean step {step:0.00} µs"));
        writer.WriteLine(string.Create(c, $"  input       {Status.BadFrames:N0} bad frames, {NonFinite:N0} samples with NaN/inf (last valid value held), {Skipped:N0} skipped, {Status.Dropped:N0} dropped{(Clock is null ? string.Empty : "; " + Clock + " (samples taken in arrival order)")}"));
        long changePoints = ChangePoints.Up + ChangePoints.Down;
        writer.WriteLine(string.Create(c, $"  alarms      {Status.AlarmsRaised} raised{(Status.AlarmActive ? " (still active)" : string.Empty)}, {SensorFaults} sensor faults{(changePoints > 0 ? $", {changePoints} change points ({ChangePoints.Up} up, {ChangePoints.Down} down)" : string.Empty)}"));
        if (Tally.HasLabels)
        {
            int missed = Tally.Labelled - Tally.Caught;
            writer.WriteLine(string.Create(c, $"  labelled    {Tally.Labelled} anomalies in the recording: {Tally.Caught} caught, {missed} missed; {Tally.FalseAlarms} false alarms (an alarm within {Tally.Grace} samples of a labelled anomaly counts for it)"));
        }

        if (Scores is { } scores)
        {
            writer.WriteLine(string.Create(c, $"  scores      {scores.Written:N0} rows to {scores.Path}, {scores.Dropped:N0} dropped"));
        }

        if (Mqtt is not null)
        {
            writer.WriteLine("  mqtt        " + Mqtt);
        }

        if (StatePath is not null)
        {
            writer.WriteLine(string.Create(c, $"  state       {StateSaves} saves to {StatePath}"));
        }
    }
}
