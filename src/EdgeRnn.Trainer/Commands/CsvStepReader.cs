using System.Globalization;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// Reads model inputs from a CSV file, one row per step, one line at a time. The first row is a header when any of its
/// non-empty cells is not a number. With a header and a model that names its features, the columns are picked by name (others, such
/// as a time stamp, are ignored); otherwise the row must have exactly one column per model input, in order. An empty cell
/// (how pandas writes a missing value) or <c>NaN</c> is a missing sample: it reads as NaN, which the runtime replaces by the
/// channel's last valid value. A timestamp column (named as <c>edgernn train</c> finds one) is not an input: its
/// timestamps go to <see cref="Clock"/>, which counts steps back, repeats and gaps; rows stay in file order.
/// </summary>
internal sealed class CsvStepReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly string _fileName;
    private readonly int[] _columns;
    private readonly int _width;
    private readonly int _timeColumn = -1;
    private string? _pending;
    private int _pendingLine;

    /// <summary>Opens the file and reads its header, if it has one.</summary>
    /// <param name="reader">The CSV text; owned and disposed by this reader.</param>
    /// <param name="fileName">The file name used in messages.</param>
    /// <param name="inputs">The model's input width.</param>
    /// <param name="featureNames">The model's feature names, or empty.</param>
    /// <exception cref="InvalidDataException">The header lacks a feature or has the wrong number of columns.</exception>
    public CsvStepReader(TextReader reader, string fileName, int inputs, IReadOnlyList<string> featureNames)
    {
        _reader = reader;
        _fileName = fileName;
        string? first = NextLine();
        string[]? header = first is null ? null : Split(first);
        if (header is not null && header.Any(cell => !string.IsNullOrWhiteSpace(cell) && !TryParse(cell, out _)))
        {
            Header = header.Select(Unquote).ToArray();
        }
        else
        {
            _pending = first;
            _pendingLine = Line;
        }

        if (Header is not null && featureNames.Count == inputs)
        {
            _columns = featureNames.Select(name => ColumnOf(name, featureNames)).ToArray();
            _width = Header.Count;
            foreach (string name in ColumnSelector.TimeNames)
            {
                int found = Header.ToList().FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
                if (found >= 0 && Array.IndexOf(_columns, found) < 0)
                {
                    _timeColumn = found;
                    break;
                }
            }
        }
        else
        {
            _columns = Enumerable.Range(0, inputs).ToArray();
            _width = inputs;
            if (Header is not null && Header.Count != inputs)
            {
                throw new InvalidDataException($"{_fileName} line {Line}: expected {inputs} columns (one per model input); found {Header.Count} in the header.");
            }
        }
    }

    /// <summary>The header's column names, or null when the file has none.</summary>
    public IReadOnlyList<string>? Header { get; }

    /// <summary>What the timestamp column's clock did, in file order; null when the file has no timestamp column.</summary>
    public StreamClock? Clock { get; private set; }

    /// <summary>The number of the last line read (1-based).</summary>
    public int Line { get; private set; }

    /// <summary>Reads the next step.</summary>
    /// <param name="input">Receives one value per model input.</param>
    /// <returns>False at the end of the file.</returns>
    /// <exception cref="InvalidDataException">The row has the wrong number of columns or a cell is not a number.</exception>
    public bool TryRead(Span<float> input)
    {
        string? text = _pending ?? NextLine();
        int line = _pending is null ? Line : _pendingLine;
        _pending = null;
        if (text is null)
        {
            return false;
        }

        string[] cells = Split(text);
        if (cells.Length != _width)
        {
            throw new InvalidDataException($"{_fileName} line {line}: expected {_width} columns; found {cells.Length}.");
        }

        for (int i = 0; i < _columns.Length; i++)
        {
            string cell = cells[_columns[i]];
            if (string.IsNullOrWhiteSpace(cell))
            {
                input[i] = float.NaN;
            }
            else if (!TryParse(cell, out input[i]))
            {
                string column = Header is null ? $"column {_columns[i] + 1}" : $"column '{Header[_columns[i]]}'";
                throw new InvalidDataException($"{_fileName} line {line}, {column}: expected a number; found \"{cell.Trim()}\".");
            }
        }

        if (_timeColumn >= 0 && CellParser.TryParseTimestamp(Unquote(cells[_timeColumn]), out double seconds))
        {
            Clock ??= new StreamClock();
            Clock.Observe((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        }

        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();

    private int ColumnOf(string name, IReadOnlyList<string> featureNames)
    {
        for (int i = 0; i < Header!.Count; i++)
        {
            if (string.Equals(Header[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidDataException($"{_fileName} line {Line}: expected a column named '{name}' (the model's inputs are {string.Join(", ", featureNames)}); found columns {string.Join(", ", Header)}.");
    }

    private string? NextLine()
    {
        while (_reader.ReadLine() is { } text)
        {
            Line++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                return text;
            }
        }

        return null;
    }

    private static string[] Split(string line) => line.Split(',');

    private static string Unquote(string cell)
    {
        string trimmed = cell.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? trimmed[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : trimmed;
    }

    private static bool TryParse(string cell, out float value)
    {
        var text = cell.AsSpan().Trim();
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = text[1..^1];
        }

        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
