namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// A file's NAB result at one threshold, in the layout of NAB's <c>&lt;detector&gt;_&lt;profile&gt;_scores.csv</c>:
/// the raw score and the row counts after the probationary period (TP and FN count rows inside windows, not windows).
/// </summary>
internal sealed record NabFileScore(
    string File,
    double Threshold,
    double Score,
    int TruePositives,
    int TrueNegatives,
    int FalsePositives,
    int FalseNegatives,
    int TotalCount,
    int DetectedWindows,
    int ScorableWindows);
