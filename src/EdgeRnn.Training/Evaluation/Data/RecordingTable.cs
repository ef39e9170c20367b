using System.Text;
using EdgeRnn.Recordings;

namespace EdgeRnn.Training.Evaluation.Data;

/// <summary>
/// A recording read whole, as the evaluation commands need it (NAB and SKAB files, score files, eval's data): its header
/// and every row's cells, read by the recording contract (<see cref="CsvReader"/>: any delimiter, quotes, a zone-less
/// timestamp is UTC) and looked up by column name, ignoring case. Every error names the file and the line.
/// </summary>
internal sealed class RecordingTable
{
    private readonly byte[] _cells;
    private readonly int[] _offsets;
    private readonly long[] _lines;

    private RecordingTable(string path, CsvDialect dialect, string[] header, byte[] cells, int[] offsets, long[] lines)
    {
        Path = path;
        Dialect = dialect;
        Header = header;
        _cells = cells;
        _offsets = offsets;
        _lines = lines;
    }

    /// <summary>The file the table was read from (for messages).</summary>
    public string Path { get; }

    /// <summary>The file's dialect.</summary>
    public CsvDialect Dialect { get; }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The number of data rows.</summary>
    public int RowCount => _lines.Length;

    /// <summary>Reads a file (plain, or gzip-compressed when its name ends with .gz).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The table.</returns>
    /// <exception cref="DataFileException">The file is missing, has no header, or a row has another field count.</exception>
    public static RecordingTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, 0, "expected an existing file, found none");
        }

        using var reader = CsvReader.Open(path);
        return Read(reader);
    }

    /// <summary>Reads a table from text; <paramref name="path"/> only names the source in messages.</summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="path">The name used in messages.</param>
    /// <returns>The table.</returns>
    public static RecordingTable Read(TextReader text, string path)
    {
        using var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text.ReadToEnd())), path);
        return Read(reader);
    }

    private static RecordingTable Read(CsvReader reader)
    {
        try
        {
            if (!reader.TryRead(out ReadOnlySpan<byte> first))
            {
                throw new DataFileException(reader.Name, 1, "expected a header line with column names, found an empty file");
            }

            var layout = RecordingLayout.Of(first, reader.Dialect);
            string[] header = [.. layout.Names ?? throw new DataFileException(reader.Name, (int)reader.Line, "expected a header line with column names, found a row of numbers")];
            var cells = new MemoryStream();
            var offsets = new List<int> { 0 };
            var lines = new List<long>();
            while (reader.TryRead(out ReadOnlySpan<byte> record))
            {
                int count = 0;
                foreach (CsvField field in new CsvFieldReader(record, reader.Dialect))
                {
                    cells.Write(field.IsVerbatim ? field.Text : Encoding.UTF8.GetBytes(field.ToString()));
                    offsets.Add((int)cells.Length);
                    count++;
                }

                if (count != header.Length)
                {
                    throw new DataFileException(reader.Name, (int)reader.Line, $"expected {header.Length} fields (as in the header), found {count}");
                }

                lines.Add(reader.Line);
            }

            return new RecordingTable(reader.Name, reader.Dialect, header, cells.ToArray(), [.. offsets], [.. lines]);
        }
        catch (CsvFormatException e)
        {
            throw new DataFileException(e.FilePath, (int)e.Line, e.Problem);
        }
    }

    /// <summary>Whether a column of that name (ignoring case) exists.</summary>
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

    /// <summary>The timestamp column (<see cref="RecordingColumns.TimeNames"/>), or -1.</summary>
    public int TimeColumn => RecordingColumns.FindTime(Header);

    /// <summary>A cell's text.</summary>
    public string Field(int row, int column) => Encoding.UTF8.GetString(Cell(row, column));

    /// <summary>The 1-based line in the file of a data row.</summary>
    public int LineOf(int row) => (int)_lines[row];

    /// <summary>What a cell holds as a number, and its value (<see cref="RecordingCells"/>).</summary>
    public CellKind Parse(int row, int column, out double value) => RecordingCells.ParseNumber(Cell(row, column), Dialect, out value);

    /// <summary>A column's numbers, or a <see cref="DataFileException"/> at the first cell that is not one.</summary>
    public double[] Doubles(string column)
    {
        int index = ColumnIndex(column);
        var values = new double[RowCount];
        for (int r = 0; r < values.Length; r++)
        {
            values[r] = Number(r, index);
        }

        return values;
    }

    /// <summary>One cell as a number (<c>NaN</c> and infinities included), or throws naming the file, line and column.</summary>
    public double Number(int row, int column)
    {
        if (Parse(row, column, out double value) is CellKind.Empty or CellKind.Text)
        {
            throw new DataFileException(Path, LineOf(row), $"expected a number in column '{Header[column]}', found '{Field(row, column)}'");
        }

        return value;
    }

    /// <summary>A column's timestamps (UTC; a zone-less one is UTC), or throws naming the file and line.</summary>
    public DateTime[] Timestamps(int column)
    {
        var values = new DateTime[RowCount];
        for (int r = 0; r < values.Length; r++)
        {
            if (!RecordingTime.TryParse(Cell(r, column), out values[r]))
            {
                throw new DataFileException(Path, LineOf(r), $"expected a timestamp like 2014-04-01 00:00:00, 2014-04-01T00:00:00Z or Unix seconds in column '{Header[column]}', found '{Field(r, column)}'");
            }
        }

        return values;
    }

    /// <summary>Reads a 0/1 label column; any non-zero number is an anomaly.</summary>
    public bool[] Labels(string column) => [.. Doubles(column).Select(n => n != 0.0)];

    private ReadOnlySpan<byte> Cell(int row, int column)
    {
        int cell = (row * Header.Count) + column;
        return _cells.AsSpan(_offsets[cell], _offsets[cell + 1] - _offsets[cell]);
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
}
