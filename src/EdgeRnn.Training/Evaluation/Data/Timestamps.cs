using System.Globalization;

namespace EdgeRnn.Training.Evaluation.Data;

/// <summary>Parses and formats the timestamps of NAB and SKAB files (<c>2014-04-01 00:00:00</c>, optional fraction) and of ISO 8601 logs.</summary>
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

    /// <summary>Unix seconds up to the year 9999.</summary>
    private const double MaxUnixSeconds = 253_402_300_799;

    /// <summary>The layout NAB writes in its results files.</summary>
    public const string NabFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>ISO 8601 with a zone (<c>2026-01-01T00:00:00.1Z</c>, <c>…+01:00</c>), as pandas and loggers write it.</summary>
    private static readonly string[] ZonedFormats =
    [
        "yyyy-MM-ddTHH:mm:ssK",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Parses a timestamp; one with a zone is converted to UTC, one without is taken as it is, a number is Unix seconds.</summary>
    public static bool TryParse(string text, out DateTime value)
    {
        string trimmed = text.Trim();
        if (DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }

        if (DateTime.TryParseExact(trimmed, ZonedFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value))
        {
            value = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
            return true;
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            && seconds >= 0 && seconds < MaxUnixSeconds)
        {
            // Unix seconds, as edgernn train reads them.
            value = DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);
            return true;
        }

        return false;
    }

    /// <summary>Parses a timestamp or throws a <see cref="DataFileException"/> naming the file and line.</summary>
    public static DateTime Parse(string text, string path, int line)
    {
        if (!TryParse(text, out var value))
        {
            throw new DataFileException(path, line, $"expected a timestamp like 2014-04-01 00:00:00, 2014-04-01T00:00:00Z or Unix seconds, found '{text}'");
        }

        return value;
    }

    public static string Format(DateTime value) => value.ToString(NabFormat, CultureInfo.InvariantCulture);
}
