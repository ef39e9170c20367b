using EdgeRnn.Recordings;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation.Skab;

/// <summary>
/// One SKAB file (<c>datetime</c>, the sensor channels, then <c>anomaly</c> and <c>changepoint</c>, which
/// anomaly-free.csv lacks), read by the recording contract: the time column and the point labels are found by their
/// names (<see cref="RecordingColumns"/>), and every column that is neither them nor <c>changepoint</c> is a channel.
/// The sensor values are kept row-major in one array so a row is a span for the runtime's step.
/// </summary>
internal sealed class SkabFile
{
    /// <summary>SKAB's protocol: per file, the first 400 rows train the detector and the rest are scored.</summary>
    public const int TrainRows = 400;

    private const string ChangepointColumn = "changepoint";

    private SkabFile(string path, DateTime[] timestamps, string[] channels, float[] features, bool[]? anomaly, bool[]? changepoint)
    {
        Path = path;
        Timestamps = timestamps;
        Channels = channels;
        Features = features;
        Anomaly = anomaly;
        Changepoint = changepoint;
        Clock = ClockAudit.Of(timestamps);
    }

    public string Path { get; }

    /// <summary>The rows' timestamps in arrival order (they may repeat or step back; rows are never reordered).</summary>
    public DateTime[] Timestamps { get; }

    /// <summary>What the file's clock did: steps back, repeated timestamps, gaps.</summary>
    public StreamClock Clock { get; }

    /// <summary>The sensor column names, in file order.</summary>
    public IReadOnlyList<string> Channels { get; }

    /// <summary>Sensor values, row-major: row r is Features[r·C .. (r + 1)·C).</summary>
    public float[] Features { get; }

    /// <summary>The point-wise labels, or null for anomaly-free.csv.</summary>
    public bool[]? Anomaly { get; }

    /// <summary>The changepoint labels, or null for anomaly-free.csv.</summary>
    public bool[]? Changepoint { get; }

    public int RowCount => Timestamps.Length;

    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * Channels.Count, Channels.Count);

    public static SkabFile Read(string path)
    {
        var table = RecordingTable.Read(path);
        int time = table.TimeColumn;
        var timestamps = table.Timestamps(time >= 0 ? time : table.ColumnIndex("datetime"));
        int label = RecordingColumns.FindLabel(table.Header);
        var channels = table.Header.Where((h, i) => i != time && !RecordingColumns.IsLabelLike(h)).ToArray();
        if (channels.Length == 0)
        {
            throw new DataFileException(path, 1, "expected sensor columns besides datetime, anomaly and changepoint, found none");
        }

        var features = new float[table.RowCount * channels.Length];
        for (int c = 0; c < channels.Length; c++)
        {
            var column = table.Doubles(channels[c]);
            for (int r = 0; r < column.Length; r++)
            {
                features[(r * channels.Length) + c] = (float)column[r];
            }
        }

        return new SkabFile(
            path,
            timestamps,
            channels,
            features,
            label >= 0 ? table.Labels(table.Header[label]) : null,
            table.HasColumn(ChangepointColumn) ? table.Labels(ChangepointColumn) : null);
    }
}
