using EdgeRnn.Training.Evaluation.Detector;

namespace EdgeRnn.Training.Evaluation.Skab;

/// <summary>
/// SKAB's unlabelled recording of normal operation (<c>anomaly-free/</c>), cut into pieces as long as a labelled file and
/// run like one (trained on its first 400 rows, the rest scored): every alarm there is a false one, on data no setting
/// was chosen on, so its false alarm rate predicts that of recordings never tuned on better than the labelled groups'
/// (whose settings were chosen on them).
/// </summary>
internal static class SkabAnomalyFree
{
    /// <summary>The anomaly-free recording under the root (or root/data), or null when there is none.</summary>
    public static string? Find(string root) =>
        new[] { root, Path.Combine(root, "data") }
            .Select(r => Path.Combine(r, SkabGroups.AnomalyFree))
            .Where(Directory.Exists)
            .SelectMany(f => Directory.GetFiles(f, "*.csv").Order(StringComparer.Ordinal))
            .FirstOrDefault();

    /// <summary>Runs the detector over each whole piece of <paramref name="pieceRows"/> rows and counts its alarms after the training rows.</summary>
    public static SkabAnomalyFreeResult Score(string path, int pieceRows, DetectorConfiguration configuration, double threshold, int threads)
    {
        var file = SkabFile.Read(path);
        int c = file.Channels.Count;
        int pieces = pieceRows > SkabFile.TrainRows ? file.RowCount / pieceRows : 0;
        var alarms = new long[pieces];
        Parallel.For(0, pieces, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, p =>
        {
            var data = file.Features.AsSpan(p * pieceRows * c, pieceRows * c);
            var output = StreamingDetector.Run(data, c, SkabFile.TrainRows, configuration, file.Timestamps[(p * pieceRows)..((p + 1) * pieceRows)], threshold, file.Channels);
            alarms[p] = output.Alarms.AsSpan(SkabFile.TrainRows).Count(true);
        });
        return new SkabAnomalyFreeResult(path, pieces, pieceRows, (long)pieces * (pieceRows - SkabFile.TrainRows), alarms.Sum(), alarms.Count(a => a > 0));
    }
}

/// <summary>What the detector did on the anomaly-free pieces: rows scored, false alarms among them, pieces with any alarm.</summary>
internal sealed record SkabAnomalyFreeResult(string Path, int Pieces, int PieceRows, long Rows, long FalseAlarms, int PiecesAlarmed)
{
    public double FalseAlarmRate => Rows == 0 ? 0 : (double)FalseAlarms / Rows;
}
