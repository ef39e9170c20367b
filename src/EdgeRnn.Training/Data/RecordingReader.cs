using System.Globalization;
using EdgeRnn.Recordings;

namespace EdgeRnn.Training.Data;

/// <summary>
/// Reads one CSV recording for training through the recording contract (<see cref="CsvReader"/>, <see cref="RecordingLayout"/>:
/// delimiter, quotes, header, time and label column names, numbers, timestamps and their zone rule), then one row per
/// record with exactly the first record's field count. The chosen columns are cleaned by
/// <see cref="MissingValuePolicy"/>; an empty timestamp or label drops its row; timestamps that jump or go backwards
/// break the recording (see <see cref="TimeBreaks"/>).
/// </summary>
internal static class RecordingReader
{
    private const int SampleRows = 1000;

    /// <summary>Reads a file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">Cleaning options and, for the first file, the column choices.</param>
    /// <param name="names">The columns chosen from the first file, or null to choose them from this one.</param>
    /// <returns>The recording and the columns it was read with.</returns>
    /// <exception cref="RecordingException">The file is empty, a row has the wrong field count, a column is missing, a
    /// timestamp cannot be parsed, or no row is usable.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static (Recording Recording, ColumnNames Names) Read(string path, DataOptions options, ColumnNames? names)
    {
        try
        {
            using var reader = CsvReader.Open(path);
            return Read(reader, options, names);
        }
        catch (CsvFormatException e)
        {
            throw new RecordingException(e.FilePath, (int)e.Line, e.Problem);
        }
    }

    private static (Recording Recording, ColumnNames Names) Read(CsvReader reader, DataOptions options, ColumnNames? names)
    {
        string path = reader.Name;
        if (!reader.TryRead(out ReadOnlySpan<byte> first))
        {
            throw new RecordingException(path, 1, "Expected a header line naming the columns; the file is empty.");
        }

        CsvDialect dialect = reader.Dialect;
        int headerLine = (int)reader.Line;
        var layout = RecordingLayout.Of(first, dialect);
        string[] header = layout.Names is { } named ? Distinct(named, path, headerLine) : Numbered(layout.FieldCount);
        var sample = new List<(byte[] Record, int Line)>();
        if (!layout.HasHeader)
        {
            sample.Add((first.ToArray(), headerLine));
        }

        while (sample.Count < SampleRows && reader.TryRead(out ReadOnlySpan<byte> record))
        {
            CheckFieldCount(record, dialect, header.Length, path, (int)reader.Line);
            sample.Add((record.ToArray(), (int)reader.Line));
        }

        if (sample.Count == 0)
        {
            throw new RecordingException(path, headerLine + 1, "Expected data rows after the header; found the end of the file (no usable rows).");
        }

        names ??= ColumnSelector.Select(header, NumericColumns(sample, header.Length, dialect), layout, options, path, headerLine);
        var rows = new RowCollector(ColumnLayout.Map(header, names, path, headerLine), dialect, path, names.Time);
        foreach (var (record, line) in sample)
        {
            rows.Add(record, line);
        }

        while (reader.TryRead(out ReadOnlySpan<byte> record))
        {
            CheckFieldCount(record, dialect, header.Length, path, (int)reader.Line);
            rows.Add(record, (int)reader.Line);
        }

        return (rows.Finish(options), names);
    }

    private static string[] Distinct(IReadOnlyList<string> names, string path, int line)
    {
        for (int i = 1; i < names.Count; i++)
        {
            if (names.Take(i).Contains(names[i], StringComparer.Ordinal))
            {
                throw new RecordingException(path, line, $"Expected distinct column names in the header; '{names[i]}' appears twice.");
            }
        }

        return [.. names];
    }

    /// <summary>A file without a header names its columns column1, column2, ...</summary>
    private static string[] Numbered(int count) =>
        [.. Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"column{i}"))];

    /// <summary>A column is numeric when at least half of its non-empty sampled cells are finite numbers.</summary>
    private static bool[] NumericColumns(List<(byte[] Record, int Line)> sample, int columns, CsvDialect dialect)
    {
        var nonEmpty = new int[columns];
        var numbers = new int[columns];
        foreach (var (record, _) in sample)
        {
            int i = 0;
            foreach (CsvField field in new CsvFieldReader(record, dialect))
            {
                CellKind kind = field.ParseNumber(dialect, out double _);
                nonEmpty[i] += kind == CellKind.Empty ? 0 : 1;
                numbers[i] += kind == CellKind.Number ? 1 : 0;
                i++;
            }
        }

        return [.. Enumerable.Range(0, columns).Select(c => nonEmpty[c] > 0 && numbers[c] * 2 >= nonEmpty[c])];
    }

    private static void CheckFieldCount(ReadOnlySpan<byte> record, CsvDialect dialect, int expected, string path, int line)
    {
        int count = CsvFieldReader.Count(record, dialect);
        if (count != expected)
        {
            throw new RecordingException(path, line, $"Expected {expected} fields, as in the header; found {count}.");
        }
    }
}
