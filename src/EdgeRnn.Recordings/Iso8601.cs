namespace EdgeRnn.Recordings;

/// <summary>
/// The ISO 8601 date-times loggers write, without allocating: <c>YYYY-MM-DD[(T|t| )hh:mm[:ss[(.|,)f…]][Z|z|±hh[:mm]|±hhmm]]</c>.
/// No offset means UTC (<see cref="RecordingTime"/>'s zone rule).
/// </summary>
internal static class Iso8601
{
    /// <summary>Parses <paramref name="text"/> into UTC ticks since 0001-01-01.</summary>
    /// <param name="text">ASCII text such as "2026-01-01T00:00:00.250Z", trimmed.</param>
    /// <param name="ticks">The UTC instant's ticks; may lie outside <see cref="DateTime"/>'s range after an offset.</param>
    /// <returns>False when the text is not such a date-time or a field is out of range.</returns>
    public static bool TryParseTicks(ReadOnlySpan<byte> text, out long ticks)
    {
        ticks = 0;
        if (text.Length < 10 || text[4] != (byte)'-' || text[7] != (byte)'-'
            || !TryDigits(text[..4], out int year) || !TryDigits(text.Slice(5, 2), out int month)
            || !TryDigits(text.Slice(8, 2), out int day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        int hour = 0, minute = 0, second = 0, offsetMinutes = 0;
        long fraction = 0;
        ReadOnlySpan<byte> rest = text[10..];
        if (!rest.IsEmpty)
        {
            if (rest[0] is not ((byte)'T' or (byte)'t' or (byte)' ') || rest.Length < 6 || rest[3] != (byte)':'
                || !TryDigits(rest.Slice(1, 2), out hour) || !TryDigits(rest.Slice(4, 2), out minute))
            {
                return false;
            }

            rest = rest[6..];
            if (!rest.IsEmpty && rest[0] == (byte)':')
            {
                if (rest.Length < 3 || !TryDigits(rest.Slice(1, 2), out second))
                {
                    return false;
                }

                rest = rest[3..];
                if (!TryParseFraction(ref rest, out fraction))
                {
                    return false;
                }
            }

            if (hour > 23 || minute > 59 || second > 59 || !TryParseOffset(rest, out offsetMinutes))
            {
                return false;
            }
        }

        ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks
            + fraction - (offsetMinutes * TimeSpan.TicksPerMinute);
        return true;
    }

    /// <summary>A fraction of a second (<c>.5</c>, <c>,25</c>), in ticks; digits beyond the seventh are dropped.</summary>
    private static bool TryParseFraction(ref ReadOnlySpan<byte> rest, out long ticks)
    {
        ticks = 0;
        if (rest.IsEmpty || rest[0] is not ((byte)'.' or (byte)','))
        {
            return true;
        }

        int digits = 1;
        long scale = TimeSpan.TicksPerSecond;
        while (digits < rest.Length && char.IsAsciiDigit((char)rest[digits]))
        {
            scale /= 10;
            ticks += (rest[digits] - '0') * scale;
            digits++;
        }

        rest = rest[digits..];
        return digits > 1;
    }

    private static bool TryParseOffset(ReadOnlySpan<byte> rest, out int minutes)
    {
        minutes = 0;
        if (rest.IsEmpty || (rest.Length == 1 && rest[0] is (byte)'Z' or (byte)'z'))
        {
            return true;
        }

        if (rest[0] is not ((byte)'+' or (byte)'-') || rest.Length < 3 || !TryDigits(rest.Slice(1, 2), out int hours))
        {
            return false;
        }

        ReadOnlySpan<byte> tail = rest[3..];
        if (!tail.IsEmpty && tail[0] == (byte)':')
        {
            tail = tail[1..];
        }

        int extra = 0;
        if ((!tail.IsEmpty && (tail.Length != 2 || !TryDigits(tail, out extra))) || hours > 23 || extra > 59)
        {
            return false;
        }

        minutes = (rest[0] == (byte)'-' ? -1 : 1) * ((hours * 60) + extra);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (byte b in text)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
