using EdgeRnn.Runtime;

namespace EdgeRnn.Device.Alarms;

/// <summary>
/// One device event: an anomaly alarm raised or cleared, a sensor fault begun or ended, or a change point of the prediction
/// error's level. A value type, so creating one on the sample path allocates nothing; sinks receive it by reference.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="SampleIndex">The index of the sample that caused it, 0-based from the start of the stream.</param>
/// <param name="Time">The sample's timestamp.</param>
/// <param name="Score">The anomaly score of that sample, in [0, 1] (for a sensor event, the last score seen).</param>
/// <param name="Channels">For an anomaly or change-point event, the channels that contributed most; for a sensor event, the channel concerned.</param>
/// <param name="ChangePoint">For a <see cref="AlarmKind.ChangePoint"/> event, which way the error's level shifted; else <see cref="LevelShift.None"/>.</param>
internal readonly record struct AlarmEvent(AlarmKind Kind, long SampleIndex, DateTimeOffset Time, float Score, TopChannels Channels, LevelShift ChangePoint = LevelShift.None);
