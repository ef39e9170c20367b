namespace EdgeRnn.Device.Pipeline;

/// <summary>A reading of a run's counters, for the status line and the summary.</summary>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Samples">Samples scored.</param>
/// <param name="StepSeconds">Total time spent normalising, stepping and scoring, in seconds.</param>
/// <param name="Score">The last anomaly score.</param>
/// <param name="AlarmActive">Whether the anomaly alarm is active.</param>
/// <param name="AlarmsRaised">Anomaly alarms raised.</param>
/// <param name="FaultedChannels">Channels in sensor fault now.</param>
/// <param name="BadFrames">Lines or frames rejected.</param>
/// <param name="Dropped">Samples dropped because inference fell behind.</param>
internal readonly record struct RunStatus(
    TimeSpan Elapsed, long Samples, double StepSeconds, float Score, bool AlarmActive, long AlarmsRaised, int FaultedChannels, long BadFrames, long Dropped);
