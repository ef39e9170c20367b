namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// A labelled anomaly window of a NAB file: its first and last row, inclusive, given by timestamp
/// (labels/combined_windows.json). Each bound is the timestamp of a row of the file.
/// </summary>
internal readonly record struct NabWindow(DateTime Start, DateTime End);
