using System.Globalization;

namespace EdgeRnn.Training.Evaluation.Data;

/// <summary>
/// A small CSV table read whole: a header line and rows of fields, separated by ',' or ';' (SKAB), guessed from the
/// header. Quoted fields are unquoted; a delimiter inside quotes is not supported (NAB and SKAB files have none).
/// Every error names the file and the line.
/// </summary>
internal sealed class DelimitedTable
{
    private readonly List<string[]> _rows;
    private readonly List<int> _lines;

    private DelimitedTable(string path, string[] header, List<string[]> rows, List<int> lines)
    {
        Path = path;
        Header = header;
        _rows = rows;
        _lines = lines;
    }

    /// <summary>The file the table was read from (for messages).</summary>
    public string Path { get; }

    public IReadOnlyList<string> Header { get; }

    public int RowCount => _rows.Count;

    public static DelimitedTable Read(string path)
    {
        using var reader = OpenText(path);
        return Read(reader, path);
    }

    /// <summary>Reads a table from text; <paramref name="path"/> only names the source in messages.</summary>
    public static DelimitedTable Read(TextReader reader, string path)
    {
        var headerLine = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(headerLine))
        {
            throw new DataFileException(path, 1, "expected a header line with column names, found an empty file");
        }

        char delimiter = headerLine.Contains(';', StringComparison.Ordinal) && !headerLine.Contains(',', StringComparison.Ordinal) ? ';' : ',';
        var header = Split(headerLine, delimiter);
        var rows = new List<string[]>();
        var lines = new List<int>();
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = Split(line, delimiter);
            if (fields.Length != header.Length)
            {
                throw new DataFileException(path, lineNumber, $"expected {header.Length} fields (as in the header), found {fields.Length}");
            }

            rows.Add(fields);
            lines.Add(lineNumber);
        }

        return new DelimitedTable(path, header, rows, lines);
    }

    /// <summary>Opens a text file, decompressing it when its name ends with .gz.</summary>
    public static TextReader OpenText(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, 0, "expected an existing file, found none");
        }

        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        }

        return new StreamReader(stream);
    }

    public bool HasColumn(string name) => IndexOf(name) >= 0;

    /// <summary>The index of a column, or a <see cref="DataFileException"/> listing the columns that exist.</summary>
    public int ColumnIndex(string name)
    {
        int index = IndexOf(name);
        if (index < 0)
        {
            throw new DataFileException(Path, 1, $"expected a column '{name}', found columns {string.Join(", ", Header)}");
        }

        return index;
    }

    public string Field(int row, int column) => _rows[row][column];

    /// <summary>The 1-based line in the file of a data row.</summary>
    public int LineOf(int row) => _lines[row];

    public double[] Doubles(string column)
    {
        int index = ColumnIndex(column);
        var values = new double[_rows.Count];
        for (int r = 0; r < values.Length; r++)
        {
            values[r] = Number(r, index);
        }

        return values;
    }

    /// <summary>Parses one field as a number (invariant culture) or throws naming the file, line and column.</summary>
    public double Number(int row, int column)
    {
        var text = _rows[row][column];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new DataFileException(Path, _lines[row], $"expected a number in column '{Header[column]}', found '{text}'");
        }

        return value;
    }

    public DateTime[] Timestamps(string column)
    {
        int index = ColumnIndex(column);
        var values = new DateTime[_rows.Count];
        for (int r = 0; r < values.Length; r++)
        {
            values[r] = Data.Timestamps.Parse(_rows[r][index], Path, _lines[r]);
        }

        return values;
    }

    /// <summary>Reads a 0/1 label column; any non-zero number is an anomaly.</summary>
    public bool[] Labels(string column)
    {
        var numbers = Doubles(column);
        var labels = new bool[numbers.Length];
        for (int r = 0; r < numbers.Length; r++)
        {
            labels[r] = numbers[r] != 0.0;
        }

        return labels;
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string[] Split(string line, char delimiter)
    {
        var fields = line.Split(delimiter);
        for (int i = 0; i < fields.Length; i++)
        {
            var field = fields[i].Trim();
            if (field.Length >= 2 && field[0] == '"' && field[^1] == '"')
            {
                field = field[1..^1];
            }

            fields[i] = field;
        }

        return fields;
    }
}
