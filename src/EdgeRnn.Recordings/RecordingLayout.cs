using System.Globalization;

namespace EdgeRnn.Recordings;

/// <summary>
/// What a recording's first record says about its columns. The header rule: the first record is a header when one of its
/// fields is neither empty, a number (<c>NaN</c> and <c>inf</c> included) nor an ISO 8601 timestamp; a header's names
/// are its fields' text, and an empty name is <c>column</c>N (N from 1). The time column is the first of
/// <see cref="RecordingColumns.TimeNames"/> in the header; without a header, the first column when its first cell is an
/// ISO 8601 timestamp (Unix seconds look like any other number). The label column is the first of
/// <see cref="RecordingColumns.LabelNames"/> in the header (none without one). The channels are the other columns.
/// </summary>
public sealed class RecordingLayout
{
    private RecordingLayout(string[]? names, int fieldCount, int time, int label)
    {
        Names = names;
        FieldCount = fieldCount;
        TimeColumn = time;
        LabelColumn = label;
        Channels = [.. Enumerable.Range(0, fieldCount).Where(i => i != time && i != label)];
    }

    /// <summary>The header's column names, or null when the first record is data.</summary>
    public IReadOnlyList<string>? Names { get; }

    /// <summary>Whether the first record is a header (then it is not data).</summary>
    public bool HasHeader => Names is not null;

    /// <summary>The first record's field count.</summary>
    public int FieldCount { get; }

    /// <summary>The timestamp column, or -1.</summary>
    public int TimeColumn { get; }

    /// <summary>The label column, or -1.</summary>
    public int LabelColumn { get; }

    /// <summary>Every other column, in order.</summary>
    public IReadOnlyList<int> Channels { get; }

    /// <summary>Reads the layout from a recording's first record.</summary>
    /// <param name="firstRecord">The first record's UTF-8 bytes.</param>
    /// <param name="dialect">The file's dialect.</param>
    /// <param name="findTime">False when the recording is known to have no time column.</param>
    /// <returns>The layout.</returns>
    public static RecordingLayout Of(ReadOnlySpan<byte> firstRecord, CsvDialect dialect, bool findTime = true)
    {
        int fields = CsvFieldReader.Count(firstRecord, dialect);
        if (!IsHeader(firstRecord, dialect))
        {
            return new RecordingLayout(null, fields, findTime && StartsWithTimestamp(firstRecord, dialect) ? 0 : -1, -1);
        }

        string[] names = ReadNames(firstRecord, dialect);
        return new RecordingLayout(names, fields, findTime ? RecordingColumns.FindTime(names) : -1, RecordingColumns.FindLabel(names));
    }

    /// <summary>The header rule: whether one field is neither empty, a number, nor an ISO 8601 timestamp.</summary>
    /// <param name="record">A first record.</param>
    /// <param name="dialect">The file's dialect.</param>
    /// <returns>True for a header.</returns>
    public static bool IsHeader(ReadOnlySpan<byte> record, CsvDialect dialect)
    {
        foreach (CsvField field in new CsvFieldReader(record, dialect))
        {
            if (field.ParseNumber(dialect, out double _) == CellKind.Text
                && !(field.IsVerbatim && RecordingTime.TryParseIso8601(field.Text, out _)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A header's column names: each field's text, trimmed; <c>column</c>N for an empty one.</summary>
    /// <param name="record">The header record.</param>
    /// <param name="dialect">The file's dialect.</param>
    /// <returns>The names.</returns>
    public static string[] ReadNames(ReadOnlySpan<byte> record, CsvDialect dialect)
    {
        string[] names = CsvFieldReader.ReadAll(record, dialect);
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = names[i].Trim();
            if (names[i].Length == 0)
            {
                names[i] = string.Create(CultureInfo.InvariantCulture, $"column{i + 1}");
            }
        }

        return names;
    }

    private static bool StartsWithTimestamp(ReadOnlySpan<byte> record, CsvDialect dialect)
    {
        var fields = new CsvFieldReader(record, dialect);
        return fields.MoveNext() && fields.Current.IsVerbatim && RecordingTime.TryParseIso8601(fields.Current.Text, out _);
    }
}
