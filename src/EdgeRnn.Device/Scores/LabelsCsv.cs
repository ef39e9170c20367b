using System.Text;

namespace EdgeRnn.Device.Scores;

/// <summary>
/// The <c>--scores</c> file of a labelling run (a bidirectional classify/label model): a header <c>timestamp,class</c>,
/// then one row per read sample in stream order, its class name as the model's <c>classes</c> property names it (e.g.
/// <c>2026-01-01 00:06:40.1,busy</c>); the timestamp as in <see cref="ScoresCsv"/>. A Label model writes every sample a
/// window read (once, by the rule of <see cref="Pipeline.WindowReadings"/>), a Classify model the last sample of each
/// window. Written through a 64 KiB buffer on the sample loop; flushed and closed by <see cref="Dispose"/>.
/// </summary>
internal sealed class LabelsCsv : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[][] _names;
    private readonly byte[] _row = new byte[ScoresCsv.MaxRowBytes];

    private LabelsCsv(Stream stream, string[] classes)
    {
        _stream = stream;
        _names = [.. classes.Select(c => Encoding.UTF8.GetBytes(Quote(c)))];
        _stream.Write("timestamp,class\n"u8);
    }

    /// <summary>Rows written.</summary>
    public long Written { get; private set; }

    /// <summary>Creates (or truncates) the file and writes the header.</summary>
    /// <param name="path">The file.</param>
    /// <param name="classes">The class names.</param>
    /// <returns>The writer.</returns>
    /// <exception cref="IOException">The file cannot be created or written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public static LabelsCsv Open(string path, string[] classes)
    {
        var stream = new BufferedStream(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0), 64 * 1024);
        try
        {
            return new LabelsCsv(stream, classes);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes one row. Allocates nothing.</summary>
    /// <param name="timestampMicroseconds">The sample's time.</param>
    /// <param name="reading">Its class index.</param>
    public void Write(long timestampMicroseconds, int reading)
    {
        int at = ScoresCsv.FormatTimestamp(timestampMicroseconds, _row);
        _row[at++] = (byte)',';
        _stream.Write(_row, 0, at);
        _stream.Write(_names[reading]);
        _stream.WriteByte((byte)'\n');
        Written++;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stream.Flush();
        _stream.Dispose();
    }

    private static string Quote(string name) =>
        name.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : name;
}
