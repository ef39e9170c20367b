using EdgeRnn.Runtime;

namespace EdgeRnn.Device.Scores;

/// <summary>
/// What the <c>--scores</c> file records of one processed sample: a fixed-size value type (16 bytes) that the pipeline
/// copies into <see cref="ScoreRing"/>, so recording it allocates nothing.
/// </summary>
/// <param name="TimestampMicroseconds">The sample's time in microseconds since the Unix epoch (UTC): the data's, or the arrival time a source stamped.</param>
/// <param name="Score">The anomaly score, as the detector computed it.</param>
/// <param name="Alarm">Whether the anomaly alarm is active after this sample.</param>
/// <param name="ChangePoint">The change point the detector reported at this sample, if any.</param>
internal readonly record struct ScoreRow(long TimestampMicroseconds, float Score, bool Alarm, LevelShift ChangePoint);
