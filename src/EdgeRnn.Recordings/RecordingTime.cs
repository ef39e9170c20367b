using System.Globalization;

namespace EdgeRnn.Recordings;

/// <summary>
/// The timestamp rule of every recording. A timestamp is either
/// <list type="bullet">
/// <item>ISO 8601: <c>YYYY-MM-DD[(T| )hh:mm[:ss[(.|,)f…]][Z|±hh[:mm]|±hhmm]]</c> (<c>2026-01-01 00:00:00</c>,
/// <c>2026-01-01T00:00:00.25Z</c>, <c>2026-01-01T01:00+01:00</c>, <c>2026-01-01</c>), or</item>
/// <item>Unix seconds: a number of seconds since 1970-01-01T00:00:00Z (<c>1767225600</c>, <c>1767225600.25</c>).</item>
/// </list>
/// <para><b>The zone rule:</b> a timestamp without a zone is UTC; one with an offset is converted to UTC. So
/// <c>2026-01-01 00:00:00</c> and <c>2026-01-01T00:00:00Z</c> are the same instant, whichever command reads them.</para>
/// <para>Times are kept to the microsecond: Unix seconds are rounded to it, ISO fractions beyond six digits dropped.
/// Unix seconds may be as large as a count of microseconds allows (±9.2e12, so Unix milliseconds still parse, as
/// seconds 1000 times too large: the trainer warns of them); a <see cref="DateTime"/> (<see cref="TryParse(ReadOnlySpan{byte}, out DateTime)"/>,
/// <see cref="IsDateTime"/>, what the evaluations and the board's detector take) lies between 0001-01-01 and
/// 9999-12-31. Other layouts (<c>01/02/2024</c>, <c>14:00</c>) are not timestamps: a date order is never guessed.
/// Nothing is allocated. The order of timestamps (steps back, repeats, gaps) is the runtime's <c>StreamClock</c>'s
/// business, not the reader's: rows are never refused for their clock.</para>
/// </summary>
public static class RecordingTime
{
    private const long MinDateTimeMicroseconds = -62_135_596_800_000_000;
    private const long MaxDateTimeMicroseconds = 253_402_300_799_999_999;
    private const decimal MaxUnixSeconds = long.MaxValue / 1_000_000;

    /// <summary>Parses a timestamp, ISO 8601 or Unix seconds.</summary>
    /// <param name="cell">The cell's UTF-8 bytes (spaces around are ignored).</param>
    /// <param name="unixMicroseconds">Microseconds since 1970-01-01T00:00:00Z.</param>
    /// <returns>False when the cell is not a timestamp.</returns>
    public static bool TryParse(ReadOnlySpan<byte> cell, out long unixMicroseconds) =>
        TryParseIso8601(cell, out unixMicroseconds) || TryParseUnixSeconds(cell, out unixMicroseconds);

    /// <summary>Parses a timestamp, ISO 8601 or Unix seconds, as a UTC <see cref="DateTime"/>.</summary>
    /// <param name="cell">The cell's UTF-8 bytes.</param>
    /// <param name="utc">The instant, <see cref="DateTimeKind.Utc"/>.</param>
    /// <returns>False when the cell is not a timestamp, or one beyond 0001 to 9999.</returns>
    public static bool TryParse(ReadOnlySpan<byte> cell, out DateTime utc)
    {
        bool parsed = TryParse(cell, out long micros) && IsDateTime(micros);
        utc = parsed ? ToDateTime(micros) : default;
        return parsed;
    }

    /// <summary>Parses an ISO 8601 timestamp (not Unix seconds): what tells a timestamp from a number or a name.</summary>
    /// <param name="cell">The cell's UTF-8 bytes.</param>
    /// <param name="unixMicroseconds">Microseconds since 1970-01-01T00:00:00Z.</param>
    /// <returns>False when the cell is not an ISO 8601 timestamp.</returns>
    public static bool TryParseIso8601(ReadOnlySpan<byte> cell, out long unixMicroseconds)
    {
        bool parsed = Iso8601.TryParseTicks(Blanks.Trim(cell), out long ticks) && ticks >= 0 && ticks <= DateTime.MaxValue.Ticks;
        unixMicroseconds = parsed ? (ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond : 0;
        return parsed;
    }

    /// <summary>Parses Unix seconds (fraction and exponent allowed), rounded half to even to the microsecond.</summary>
    /// <param name="cell">The cell's UTF-8 bytes.</param>
    /// <param name="unixMicroseconds">Microseconds since 1970-01-01T00:00:00Z.</param>
    /// <returns>False when the cell is not a number of seconds, or one too large for a count of microseconds.</returns>
    public static bool TryParseUnixSeconds(ReadOnlySpan<byte> cell, out long unixMicroseconds)
    {
        unixMicroseconds = 0;
        if (!decimal.TryParse(Blanks.Trim(cell), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal seconds)
            || decimal.Abs(seconds) > MaxUnixSeconds)
        {
            return false;
        }

        unixMicroseconds = (long)decimal.Round(seconds * 1_000_000m);
        return true;
    }

    /// <summary>Whether a parsed timestamp lies between 0001-01-01 and 9999-12-31, the range of <see cref="DateTime"/>.</summary>
    /// <param name="unixMicroseconds">Microseconds since 1970-01-01T00:00:00Z.</param>
    /// <returns>True when <see cref="ToDateTime"/> can take it.</returns>
    public static bool IsDateTime(long unixMicroseconds) =>
        unixMicroseconds is >= MinDateTimeMicroseconds and <= MaxDateTimeMicroseconds;

    /// <summary>The UTC <see cref="DateTime"/> of a parsed timestamp.</summary>
    /// <param name="unixMicroseconds">Microseconds since 1970-01-01T00:00:00Z, as the parsers give them.</param>
    /// <returns>The instant, <see cref="DateTimeKind.Utc"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The time is outside 0001-01-01 to 9999-12-31.</exception>
    public static DateTime ToDateTime(long unixMicroseconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(unixMicroseconds, MinDateTimeMicroseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(unixMicroseconds, MaxDateTimeMicroseconds);
        return new DateTime(DateTime.UnixEpoch.Ticks + (unixMicroseconds * TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }

    /// <summary>Seconds since the Unix epoch, as the trainer keeps them.</summary>
    /// <param name="unixMicroseconds">Microseconds since 1970-01-01T00:00:00Z.</param>
    /// <returns>The seconds, the nearest double.</returns>
    public static double ToUnixSeconds(long unixMicroseconds) => unixMicroseconds / 1e6;
}
