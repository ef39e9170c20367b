namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// One NAB file's rows in stream order: timestamps, values and, for a results file, the detector's anomaly scores.
/// </summary>
/// <param name="Path">The file read (for messages).</param>
/// <param name="Timestamps">Row timestamps in arrival order: they may repeat or step back (a clock correction).</param>
/// <param name="Values">Row values.</param>
/// <param name="AnomalyScores">The detector's score per row in [0, 1], or null for a data file.</param>
internal sealed record NabSeries(string Path, DateTime[] Timestamps, double[] Values, double[]? AnomalyScores);
