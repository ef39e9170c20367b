using System.Globalization;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// Writes a detector's scores in NAB's results layout, <c>&lt;out&gt;/&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;file&gt;.csv</c>
/// with columns <c>timestamp,value,anomaly_score</c>, so that NAB's own scorer (or anyone's) can check the figures.
/// </summary>
internal static class NabResultsWriter
{
    /// <summary>The path NAB expects for a file's results.</summary>
    /// <param name="outputRoot">The results root (NAB's results/ folder).</param>
    /// <param name="detector">The detector name, e.g. <c>edgernn</c>.</param>
    /// <param name="fileKey">The data file's key, <c>category/file.csv</c>.</param>
    public static string PathFor(string outputRoot, string detector, string fileKey)
    {
        var key = fileKey.Replace('\\', '/');
        int slash = key.LastIndexOf('/');
        var category = slash >= 0 ? key[..slash] : string.Empty;
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        return Path.Combine(outputRoot, detector, category.Replace('/', Path.DirectorySeparatorChar), $"{detector}_{name}");
    }

    /// <summary>Writes one file's rows and scores; creates the folders; returns the path written.</summary>
    public static string Write(string outputRoot, string detector, string fileKey, IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values, IReadOnlyList<double> scores)
    {
        if (timestamps.Count != values.Count || timestamps.Count != scores.Count)
        {
            throw new ArgumentException($"{fileKey}: expected as many values and scores as timestamps ({timestamps.Count}), found {values.Count} values and {scores.Count} scores");
        }

        var path = PathFor(outputRoot, detector, fileKey);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path);
        Write(writer, timestamps, values, scores);
        return path;
    }

    public static void Write(TextWriter writer, IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values, IReadOnlyList<double> scores)
    {
        writer.Write("timestamp,value,anomaly_score\n");
        for (int i = 0; i < timestamps.Count; i++)
        {
            writer.Write(TimestampText.Format(timestamps[i]));
            writer.Write(',');
            writer.Write(values[i].ToString("R", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(scores[i].ToString("R", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }
}
