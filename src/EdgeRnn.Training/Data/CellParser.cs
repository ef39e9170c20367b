using System.Globalization;

namespace EdgeRnn.Training.Data;

/// <summary>
/// Culture-invariant parsing of cells. Numbers use '.' as the decimal separator; in files whose delimiter is not a comma
/// a single decimal comma (<c>1,5</c>, as European spreadsheets write it) is accepted too. Timestamps are Unix seconds
/// (integer or fractional) or ISO 8601 (starting yyyy-MM-dd, with 'T' or a space before the time); an ISO 8601 time
/// without a zone is taken as UTC. Other date orders ("01/02/2024") are rejected rather than guessed.
/// </summary>
internal static class CellParser
{
    private const NumberStyles NumberStyle = NumberStyles.Float;

    /// <summary>Parses a finite number.</summary>
    /// <param name="cell">The cell text.</param>
    /// <param name="allowDecimalComma">Whether "1,5" means 1.5 (only when the delimiter is not a comma).</param>
    /// <param name="value">The value; NaN when the cell is not a finite number.</param>
    /// <returns>True for a finite number; false for an empty, non-numeric, NaN or infinite cell.</returns>
    public static bool TryParseNumber(ReadOnlySpan<char> cell, bool allowDecimalComma, out double value)
    {
        if (double.TryParse(cell, NumberStyle, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }

        int comma = cell.IndexOf(',');
        if (allowDecimalComma && comma >= 0 && cell.Length <= 64 && cell.LastIndexOf(',') == comma && !cell.Contains('.'))
        {
            Span<char> copy = stackalloc char[cell.Length];
            cell.CopyTo(copy);
            copy[comma] = '.';
            if (double.TryParse(copy, NumberStyle, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
            {
                return true;
            }
        }

        value = double.NaN;
        return false;
    }

    /// <summary>Parses a timestamp into seconds since 1970-01-01T00:00:00Z.</summary>
    /// <param name="cell">Unix seconds ("1700000000", "1700000000.25") or ISO 8601 ("2024-03-01T12:00:00Z",
    /// "2024-03-01T12:00:00.5+01:00", "2024-03-01 12:00:00" as UTC).</param>
    /// <param name="seconds">Seconds since the Unix epoch; NaN on failure.</param>
    /// <returns>True when the cell is a timestamp.</returns>
    public static bool TryParseTimestamp(ReadOnlySpan<char> cell, out double seconds)
    {
        cell = cell.Trim();
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && double.IsFinite(seconds))
        {
            return true;
        }

        if (LooksLikeIsoDate(cell)
            && DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            seconds = (time - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;
            return true;
        }

        seconds = double.NaN;
        return false;
    }

    /// <summary>Whether a cell starts like an ISO 8601 date (yyyy-MM-dd), so that "01/02/2024" is never guessed at.</summary>
    private static bool LooksLikeIsoDate(ReadOnlySpan<char> cell) =>
        cell.Length >= 10 && char.IsAsciiDigit(cell[0]) && char.IsAsciiDigit(cell[1]) && char.IsAsciiDigit(cell[2])
        && char.IsAsciiDigit(cell[3]) && cell[4] == '-' && cell[7] == '-';
}
