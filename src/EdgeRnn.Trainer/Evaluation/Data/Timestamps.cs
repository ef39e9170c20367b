using System.Globalization;

namespace EdgeRnn.Trainer.Evaluation.Data;

/// <summary>Parses and formats the timestamps of NAB and SKAB files (<c>2014-04-01 00:00:00</c>, optional fraction).</summary>
internal static class Timestamps
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd",
    ];

    /// <summary>The layout NAB writes in its results files.</summary>
    public const string NabFormat = "yyyy-MM-dd HH:mm:ss";

    public static bool TryParse(string text, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>Parses a timestamp or throws a <see cref="DataFileException"/> naming the file and line.</summary>
    public static DateTime Parse(string text, string path, int line)
    {
        if (!TryParse(text, out var value))
        {
            throw new DataFileException(path, line, $"expected a timestamp like 2014-04-01 00:00:00, found '{text}'");
        }

        return value;
    }

    public static string Format(DateTime value) => value.ToString(NabFormat, CultureInfo.InvariantCulture);
}
