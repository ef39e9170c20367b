using System.Text;

namespace EdgeRnn.Training.Data;

/// <summary>
/// Reads one CSV recording: a header line (delimiter detected from it, or declared by a spreadsheet's "sep=;" line
/// before it), then one row per line with exactly the header's field count. The chosen columns are parsed
/// culture-invariantly and cleaned by <see cref="MissingValuePolicy"/>; an empty timestamp or label drops its row;
/// timestamps that jump or go backwards break the recording (see <see cref="TimeBreaks"/>).
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
        using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        int headerLine = 0;
        string? firstLine = ReadNonBlankLine(text, ref headerLine);
        char? declared = null;
        if (firstLine is { Length: 5 } && firstLine.StartsWith("sep=", StringComparison.OrdinalIgnoreCase))
        {
            // Spreadsheet exports may declare their delimiter in a first line such as "sep=;".
            declared = firstLine[4];
            firstLine = ReadNonBlankLine(text, ref headerLine);
        }

        if (firstLine is null)
        {
            throw new RecordingException(path, Math.Max(headerLine, 1), "Expected a header line naming the columns; the file is empty.");
        }

        char delimiter = declared ?? CsvRecordReader.DetectDelimiter(firstLine);
        var fields = new List<string>();
        new CsvRecordReader(new StringReader(firstLine), delimiter).TryRead(fields, path);
        var header = ReadHeader(fields, path, headerLine);
        var reader = new CsvRecordReader(text, delimiter, headerLine + 1);
        bool decimalComma = delimiter != ',';

        var sample = new List<string[]>();
        var sampleLines = new List<int>();
        while (sample.Count < SampleRows && reader.TryRead(fields, path))
        {
            CheckFieldCount(fields, header.Length, path, reader.Line);
            sample.Add(fields.ToArray());
            sampleLines.Add(reader.Line);
        }

        if (sample.Count == 0)
        {
            throw new RecordingException(path, headerLine + 1, "Expected data rows after the header; found the end of the file (no usable rows).");
        }

        names ??= ColumnSelector.Select(header, sample, options, decimalComma, path, headerLine);
        var layout = ColumnLayout.Map(header, names, path, headerLine);
        var rows = new RowCollector(layout, path, decimalComma, names.Time);
        for (int i = 0; i < sample.Count; i++)
        {
            rows.Add(sample[i], sampleLines[i]);
        }

        while (reader.TryRead(fields, path))
        {
            CheckFieldCount(fields, header.Length, path, reader.Line);
            rows.Add(fields, reader.Line);
        }

        return (rows.Finish(options), names);
    }

    private static string? ReadNonBlankLine(TextReader text, ref int line)
    {
        string? read;
        do
        {
            read = text.ReadLine();
            line++;
        }
        while (read is not null && string.IsNullOrWhiteSpace(read));
        return read;
    }

    private static string[] ReadHeader(List<string> fields, string path, int line)
    {
        var header = new string[fields.Count];
        for (int i = 0; i < header.Length; i++)
        {
            string name = fields[i].Trim();
            header[i] = name.Length > 0 ? name : $"column{i + 1}";
            if (Array.IndexOf(header, header[i], 0, i) >= 0)
            {
                throw new RecordingException(path, line, $"Expected distinct column names in the header; '{header[i]}' appears twice.");
            }
        }

        return header;
    }

    private static void CheckFieldCount(List<string> fields, int expected, string path, int line)
    {
        if (fields.Count != expected)
        {
            throw new RecordingException(path, line, $"Expected {expected} fields, as in the header; found {fields.Count}.");
        }
    }
}
