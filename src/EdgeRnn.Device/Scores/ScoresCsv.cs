using System.Globalization;
using EdgeRnn.Runtime;

namespace EdgeRnn.Device.Scores;

/// <summary>
/// The dialect of the <c>--scores</c> file, written in this one place: a header <c>timestamp,score,alarm,change_point</c>,
/// then one row per processed sample, lines ending in <c>\n</c>, e.g. <c>2014-04-01 00:05:00,0.4981203,0,none</c>.
/// <list type="bullet">
/// <item><c>timestamp</c>: the sample's time in UTC as <c>yyyy-MM-dd HH:mm:ss</c> (NAB's results layout, so whole-second
/// data such as NAB's compares with a results file line for line), followed by <c>.</c> and up to six digits of the
/// fraction (trailing zeros dropped) when the time has one; no zone designator. The device's CSV source reads it back as
/// the same instant (no offset means UTC).</item>
/// <item><c>score</c>: the anomaly score in [0, 1], shortest round-trip text of the float ("R"): parsing it gives the same bits.</item>
/// <item><c>alarm</c>: 1 when the anomaly alarm is active after this sample (raised and not yet cleared), else 0.</item>
/// <item><c>change_point</c>: <c>up</c> or <c>down</c> when the detector found a change point of the error's level at
/// this sample, else <c>none</c>.</item>
/// </list>
/// </summary>
internal static class ScoresCsv
{
    /// <summary>The most bytes one row takes: 26 for the timestamp, 15 for the score, 6 for the change point, separators.</summary>
    public const int MaxRowBytes = 64;

    /// <summary>The header line, with its newline.</summary>
    public static ReadOnlySpan<byte> Header => "timestamp,score,alarm,change_point\n"u8;

    /// <summary>Writes one row and its newline. Allocates nothing.</summary>
    /// <param name="row">The row.</param>
    /// <param name="destination">At least <see cref="MaxRowBytes"/> bytes.</param>
    /// <returns>The bytes written.</returns>
    public static int Format(in ScoreRow row, Span<byte> destination)
    {
        int at = FormatTimestamp(row.TimestampMicroseconds, destination);
        destination[at++] = (byte)',';
        if (!row.Score.TryFormat(destination[at..], out int written, "R", CultureInfo.InvariantCulture))
        {
            throw new ArgumentException($"Expected room for a row ({MaxRowBytes} bytes); found {destination.Length}.", nameof(destination));
        }

        at += written;
        destination[at++] = (byte)',';
        destination[at++] = row.Alarm ? (byte)'1' : (byte)'0';
        destination[at++] = (byte)',';
        ReadOnlySpan<byte> change = row.ChangePoint switch
        {
            LevelShift.Up => "up"u8,
            LevelShift.Down => "down"u8,
            _ => "none"u8,
        };
        change.CopyTo(destination[at..]);
        at += change.Length;
        destination[at++] = (byte)'\n';
        return at;
    }

    /// <summary>Writes a time as <c>yyyy-MM-dd HH:mm:ss[.ffffff]</c> (UTC, fraction trimmed of trailing zeros, none when 0).</summary>
    /// <param name="unixMicroseconds">Microseconds since the Unix epoch.</param>
    /// <param name="destination">At least 26 bytes.</param>
    /// <returns>The bytes written.</returns>
    public static int FormatTimestamp(long unixMicroseconds, Span<byte> destination)
    {
        var time = new DateTime(DateTime.UnixEpoch.Ticks + (unixMicroseconds * TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
        Digits(destination[..4], time.Year);
        destination[4] = (byte)'-';
        Digits(destination.Slice(5, 2), time.Month);
        destination[7] = (byte)'-';
        Digits(destination.Slice(8, 2), time.Day);
        destination[10] = (byte)' ';
        Digits(destination.Slice(11, 2), time.Hour);
        destination[13] = (byte)':';
        Digits(destination.Slice(14, 2), time.Minute);
        destination[16] = (byte)':';
        Digits(destination.Slice(17, 2), time.Second);
        int fraction = (int)(time.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond);
        if (fraction == 0)
        {
            return 19;
        }

        int digits = 6;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        destination[19] = (byte)'.';
        Digits(destination.Slice(20, digits), fraction);
        return 20 + digits;
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
