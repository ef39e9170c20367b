using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// Reads NAB data files (<c>timestamp,value</c>) and NAB results files (<c>timestamp,value,anomaly_score,...</c>),
/// plain or gzip-compressed (.gz). Errors name the file and line. Rows are kept in arrival order, whatever their
/// timestamps do (NAB's rule): a clock that steps back or repeats is counted by <see cref="NabCorpusFile.Clock"/>, never refused.
/// </summary>
internal static class NabFileReader
{
    /// <summary>The data column's name, as a channel list: what a detector trained on a NAB file calls its channel.</summary>
    public static readonly IReadOnlyList<string> ValueColumns = ["value"];

    public static NabSeries ReadData(string path) => Build(RecordingTable.Read(path), withScores: false);

    public static NabSeries ReadResults(string path) => Build(RecordingTable.Read(path), withScores: true);

    public static NabSeries ReadResults(TextReader reader, string path) => Build(RecordingTable.Read(reader, path), withScores: true);

    private static NabSeries Build(RecordingTable table, bool withScores)
    {
        int time = table.TimeColumn;
        var timestamps = table.Timestamps(time >= 0 ? time : table.ColumnIndex("timestamp"));
        var values = table.Doubles(ValueColumns[0]);
        double[]? scores = null;
        if (withScores)
        {
            scores = table.Doubles("anomaly_score");
            for (int r = 0; r < scores.Length; r++)
            {
                if (double.IsNaN(scores[r]))
                {
                    throw new DataFileException(table.Path, table.LineOf(r), "expected an anomaly score in [0, 1], found NaN");
                }
            }
        }

        return new NabSeries(table.Path, timestamps, values, scores);
    }
}
