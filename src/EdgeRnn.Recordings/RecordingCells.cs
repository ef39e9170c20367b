using System.Globalization;
using System.Numerics;
using System.Text;

namespace EdgeRnn.Recordings;

/// <summary>
/// The number rule of every recording: culture-invariant (<c>1.5</c>, <c>-2e-3</c>, spaces around ignored); in a ';' or
/// tab file a number with one comma and no point uses the comma as its decimal point (<c>1,5</c>); an empty cell,
/// <c>NaN</c>, <c>inf</c> and <c>Infinity</c> are missing values. No thousands separators. Nothing is allocated.
/// </summary>
public static class RecordingCells
{
    private const NumberStyles Style = NumberStyles.Float;
    private const int MaxDecimalCommaLength = 64;

    /// <summary>Parses a cell as a double.</summary>
    /// <param name="cell">The cell's UTF-8 bytes.</param>
    /// <param name="dialect">The file's dialect (whether decimal commas are allowed).</param>
    /// <param name="value">The number; NaN or an infinity for <see cref="CellKind.NonFinite"/>, NaN otherwise.</param>
    /// <returns>What the cell holds.</returns>
    public static CellKind ParseNumber(ReadOnlySpan<byte> cell, CsvDialect dialect, out double value)
    {
        cell = Blanks.Trim(cell);
        if (cell.IsEmpty)
        {
            value = double.NaN;
            return CellKind.Empty;
        }

        if (double.TryParse(cell, Style, CultureInfo.InvariantCulture, out value) || TryNonFinite(cell, out value))
        {
            return double.IsFinite(value) ? CellKind.Number : CellKind.NonFinite;
        }

        Span<byte> copy = stackalloc byte[MaxDecimalCommaLength];
        if (TryPointForComma(cell, dialect, copy, out int length)
            && double.TryParse(copy[..length], Style, CultureInfo.InvariantCulture, out value))
        {
            return double.IsFinite(value) ? CellKind.Number : CellKind.NonFinite;
        }

        value = double.NaN;
        return CellKind.Text;
    }

    /// <summary>Parses a cell as a float (rounded once, from the text).</summary>
    /// <param name="cell">The cell's UTF-8 bytes.</param>
    /// <param name="dialect">The file's dialect (whether decimal commas are allowed).</param>
    /// <param name="value">The number; NaN or an infinity for <see cref="CellKind.NonFinite"/>, NaN otherwise.</param>
    /// <returns>What the cell holds.</returns>
    public static CellKind ParseNumber(ReadOnlySpan<byte> cell, CsvDialect dialect, out float value)
    {
        cell = Blanks.Trim(cell);
        if (cell.IsEmpty)
        {
            value = float.NaN;
            return CellKind.Empty;
        }

        if (float.TryParse(cell, Style, CultureInfo.InvariantCulture, out value) || TryNonFinite(cell, out value))
        {
            return float.IsFinite(value) ? CellKind.Number : CellKind.NonFinite;
        }

        Span<byte> copy = stackalloc byte[MaxDecimalCommaLength];
        if (TryPointForComma(cell, dialect, copy, out int length)
            && float.TryParse(copy[..length], Style, CultureInfo.InvariantCulture, out value))
        {
            return float.IsFinite(value) ? CellKind.Number : CellKind.NonFinite;
        }

        value = float.NaN;
        return CellKind.Text;
    }

    private static bool TryPointForComma(ReadOnlySpan<byte> cell, CsvDialect dialect, Span<byte> copy, out int length)
    {
        length = cell.Length;
        int comma = cell.IndexOf((byte)',');
        if (!dialect.AllowsDecimalComma || comma < 0 || cell.Length > copy.Length || cell.LastIndexOf((byte)',') != comma
            || cell.Contains((byte)'.'))
        {
            return false;
        }

        cell.CopyTo(copy);
        copy[comma] = (byte)'.';
        return true;
    }

    private static bool TryNonFinite<T>(ReadOnlySpan<byte> cell, out T value)
        where T : IFloatingPointIeee754<T>
    {
        ReadOnlySpan<byte> body = cell[0] is (byte)'+' or (byte)'-' ? cell[1..] : cell;
        value = T.NaN;
        if (Ascii.EqualsIgnoreCase(body, "nan"u8))
        {
            return true;
        }

        if (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8))
        {
            value = cell[0] == (byte)'-' ? T.NegativeInfinity : T.PositiveInfinity;
            return true;
        }

        return false;
    }
}
