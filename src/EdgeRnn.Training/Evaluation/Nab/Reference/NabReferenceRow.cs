using System.Globalization;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation.Nab.Reference;

/// <summary>
/// One row of a published NAB results table (<c>&lt;detector&gt;_&lt;profile&gt;_scores.csv</c>): a file's score at the
/// published threshold, printed by Python 2 to 12 significant digits, and its row counts.
/// </summary>
internal sealed record NabReferenceRow(
    string Detector,
    string Profile,
    string File,
    double Threshold,
    double Score,
    int TruePositives,
    int TrueNegatives,
    int FalsePositives,
    int FalseNegatives,
    int TotalCount)
{
    private static readonly string[] NumberColumns = ["Threshold", "Score", "TP", "TN", "FP", "FN", "Total_Count"];

    /// <summary>Reads a table; its "Totals" row (NAB's total over its full corpus) is left out.</summary>
    public static IReadOnlyList<NabReferenceRow> ReadTable(string path)
    {
        var table = RecordingTable.Read(path);
        int detector = table.ColumnIndex("Detector");
        int profile = table.ColumnIndex("Profile");
        int file = table.ColumnIndex("File");
        int[] numbers = [.. NumberColumns.Select(table.ColumnIndex)];
        var rows = new List<NabReferenceRow>();
        for (int r = 0; r < table.RowCount; r++)
        {
            if (string.Equals(table.Field(r, detector), "Totals", StringComparison.Ordinal))
            {
                continue;
            }

            var v = new double[numbers.Length];
            for (int c = 0; c < numbers.Length; c++)
            {
                v[c] = table.Number(r, numbers[c]);
            }

            rows.Add(new NabReferenceRow(
                table.Field(r, detector),
                table.Field(r, profile),
                table.Field(r, file),
                v[0],
                v[1],
                (int)v[2],
                (int)v[3],
                (int)v[4],
                (int)v[5],
                (int)v[6]));
        }

        return rows;
    }

    /// <summary>
    /// True when <paramref name="actual"/> prints as this row does: the same score to 12 significant digits (the
    /// precision of the table) and the same counts.
    /// </summary>
    public bool IsReproducedBy(NabFileScore actual) =>
        RoundTo12Digits(actual.Score) == RoundTo12Digits(Score)
        && actual.TruePositives == TruePositives
        && actual.TrueNegatives == TrueNegatives
        && actual.FalsePositives == FalsePositives
        && actual.FalseNegatives == FalseNegatives
        && actual.TotalCount == TotalCount;

    /// <summary>A score as Python 2 prints it (<c>%.12g</c>), read back.</summary>
    public static double RoundTo12Digits(double value) =>
        double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture) + 0.0;
}
