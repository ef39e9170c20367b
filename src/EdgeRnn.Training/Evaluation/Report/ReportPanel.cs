namespace EdgeRnn.Training.Evaluation.Report;

/// <summary>
/// What the report shows of one file: the signal, the score per row, the threshold, the labelled windows (inclusive row
/// ranges) and, implied by score ≥ threshold, the alarms. Rows before <see cref="ProbationLength"/> raise no alarm.
/// </summary>
/// <param name="Title">The file's name.</param>
/// <param name="Signal">The value of every row (NaN rows are left out of the line).</param>
/// <param name="Scores">The anomaly score of every row.</param>
/// <param name="Threshold">θ: a row whose score is at or above it is an alarm.</param>
/// <param name="Windows">Labelled windows as inclusive row ranges.</param>
/// <param name="ProbationLength">Leading rows that are learnt from and not scored.</param>
/// <param name="Summary">A line of figures shown under the title, or null.</param>
/// <param name="Changepoints">Rows the detector flagged as change points (SKAB's changepoint task), or null.</param>
internal sealed record ReportPanel(
    string Title,
    IReadOnlyList<double> Signal,
    IReadOnlyList<double> Scores,
    double Threshold,
    IReadOnlyList<(int Start, int End)> Windows,
    int ProbationLength = 0,
    string? Summary = null,
    IReadOnlyList<int>? Changepoints = null)
{
    /// <summary>The rows that raise an alarm.</summary>
    public IEnumerable<int> Alarms()
    {
        for (int i = ProbationLength; i < Scores.Count; i++)
        {
            if (Scores[i] >= Threshold)
            {
                yield return i;
            }
        }
    }
}
