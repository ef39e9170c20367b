using System.Globalization;
using System.Text;

namespace EdgeRnn.Trainer.Tests.Data;

/// <summary>Builds small CSV texts for tests.</summary>
internal static class CsvFiles
{
    /// <summary>A header and one row per step; cell (t, c) = <paramref name="value"/>(t, c).</summary>
    public static string Numeric(string[] header, int rows, Func<int, int, double> value)
    {
        var text = new StringBuilder(string.Join(",", header)).Append('\n');
        for (int t = 0; t < rows; t++)
        {
            for (int c = 0; c < header.Length; c++)
            {
                text.Append(c == 0 ? "" : ",").Append(value(t, c).ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
