namespace EdgeRnn.Recordings;

/// <summary>Trimming spaces and tabs off short cells with a plain loop (cheaper than a vectorised search at these lengths).</summary>
internal static class Blanks
{
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> cell) => TrimEnd(TrimStart(cell, tabs: true), tabs: true);

    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> cell, bool tabs)
    {
        int start = 0;
        while (start < cell.Length && IsBlank(cell[start], tabs))
        {
            start++;
        }

        return cell[start..];
    }

    public static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> cell, bool tabs)
    {
        int end = cell.Length;
        while (end > 0 && IsBlank(cell[end - 1], tabs))
        {
            end--;
        }

        return cell[..end];
    }

    private static bool IsBlank(byte b, bool tabs) => b == (byte)' ' || (tabs && b == (byte)'\t');
}
