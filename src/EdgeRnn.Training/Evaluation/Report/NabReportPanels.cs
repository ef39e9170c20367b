using System.Globalization;
using EdgeRnn.Training.Evaluation.Nab;

namespace EdgeRnn.Training.Evaluation.Report;

/// <summary>Builds report panels for NAB files scored at a threshold.</summary>
internal static class NabReportPanels
{
    /// <summary>A panel of one file: its values, scores, windows and probation, with its NAB figures as the summary.</summary>
    public static ReportPanel Create(NabScoringFile file, IReadOnlyList<double> values, NabFileScore score)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(score);
        var windows = new List<(int Start, int End)>();
        int start = -1;
        for (int i = 0; i <= file.RowCount; i++)
        {
            int window = i < file.RowCount ? file.RowWindow[i] : -1;
            bool startsNew = window >= 0 && (i == 0 || file.RowWindow[i - 1] != window);
            bool ends = start >= 0 && (window < 0 || startsNew);
            if (ends)
            {
                windows.Add((start, i - 1));
                start = -1;
            }

            if (startsNew)
            {
                start = i;
            }
        }

        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"raw {score.Score:F4} at θ {score.Threshold:G6}; windows detected {score.DetectedWindows}/{score.ScorableWindows}; TP {score.TruePositives} FP {score.FalsePositives} FN {score.FalseNegatives}");
        return new ReportPanel(file.Name, values, file.Scores, score.Threshold, windows, file.ProbationLength, summary);
    }
}
