using EdgeRnn.Recordings;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation;

/// <summary>
/// One stream ready for evaluation: a score per row, a 0/1 label per row, and the rows' timestamps and values when the
/// files have them. Built from files by <see cref="Load"/>, or directly from a model's output (<c>float[] scores</c>).
/// </summary>
/// <param name="Name">The stream's name (the data file's name).</param>
/// <param name="Scores">The anomaly score of every row.</param>
/// <param name="Labels">True where a row is labelled anomalous.</param>
/// <param name="Timestamps">Row timestamps, or null.</param>
/// <param name="Values">Row values to draw, or null.</param>
internal sealed record LabelledScores(string Name, float[] Scores, bool[] Labels, DateTime[]? Timestamps, double[]? Values)
{
    /// <summary>
    /// Reads scores from one CSV and labels, timestamps and values from another (or the same) CSV; both must have the
    /// same rows in the same order. Without a label column the labels are left all false for the caller to derive.
    /// </summary>
    public static LabelledScores Load(string scoresPath, string scoreColumn, string dataPath, string? labelColumn, string valueColumn)
    {
        var scoresTable = RecordingTable.Read(scoresPath);
        var dataTable = string.Equals(Path.GetFullPath(scoresPath), Path.GetFullPath(dataPath), StringComparison.Ordinal)
            ? scoresTable
            : RecordingTable.Read(dataPath);
        if (scoresTable.RowCount != dataTable.RowCount)
        {
            throw new DataFileException(scoresPath, 0, $"expected as many rows as {dataPath} ({dataTable.RowCount}), found {scoresTable.RowCount}");
        }

        var scores = Array.ConvertAll(scoresTable.Doubles(scoreColumn), s => (float)s);
        var labels = labelColumn is null ? new bool[dataTable.RowCount] : dataTable.Labels(labelColumn);
        var timestamps = ReadTimestamps(dataTable);
        var scoreTimestamps = ReferenceEquals(scoresTable, dataTable) ? null : ReadTimestamps(scoresTable);
        if (timestamps is not null && scoreTimestamps is not null)
        {
            for (int r = 0; r < timestamps.Length; r++)
            {
                if (timestamps[r] != scoreTimestamps[r])
                {
                    throw new DataFileException(scoresPath, scoresTable.LineOf(r), $"expected the timestamp of {dataPath} line {dataTable.LineOf(r)} ({TimestampText.Format(timestamps[r])}), found {TimestampText.Format(scoreTimestamps[r])}");
                }
            }
        }

        var values = dataTable.HasColumn(valueColumn) ? dataTable.Doubles(valueColumn) : null;
        return new LabelledScores(Path.GetFileName(dataPath), scores, labels, timestamps ?? scoreTimestamps, values);
    }

    /// <summary>
    /// Pairs scores computed for the rows of <paramref name="dataTable"/> (e.g. by a model) with that table's labels,
    /// timestamps and values. Without a label column the labels are left all false for the caller to derive.
    /// </summary>
    /// <exception cref="ArgumentException">There is not one score per row.</exception>
    public static LabelledScores ForRows(float[] scores, RecordingTable dataTable, string? labelColumn, string valueColumn)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(dataTable);
        if (scores.Length != dataTable.RowCount)
        {
            throw new ArgumentException($"Expected one score per row of {dataTable.Path} ({dataTable.RowCount}); found {scores.Length}.", nameof(scores));
        }

        var labels = labelColumn is null ? new bool[dataTable.RowCount] : dataTable.Labels(labelColumn);
        var values = dataTable.HasColumn(valueColumn) ? ValuesOrNaN(dataTable, dataTable.ColumnIndex(valueColumn)) : null;
        return new LabelledScores(Path.GetFileName(dataTable.Path), scores, labels, ReadTimestamps(dataTable), values);
    }

    /// <summary>A column's numbers, NaN where a cell is empty (a missing sample, drawn as a gap).</summary>
    private static double[] ValuesOrNaN(RecordingTable table, int column)
    {
        var values = new double[table.RowCount];
        for (int r = 0; r < values.Length; r++)
        {
            values[r] = table.Parse(r, column, out _) == CellKind.Empty ? double.NaN : table.Number(r, column);
        }

        return values;
    }

    /// <summary>The rows' timestamps from the time column (<see cref="RecordingColumns.TimeNames"/>), or null when there is none.</summary>
    internal static DateTime[]? ReadTimestamps(RecordingTable table) => table.TimeColumn is >= 0 and int column ? table.Timestamps(column) : null;
}
