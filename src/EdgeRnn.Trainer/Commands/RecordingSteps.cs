using EdgeRnn.Recordings;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// A recording's rows as model inputs, one step per row, read by the recording contract as the board reads it
/// (<see cref="RecordingLayout"/>: any delimiter, quotes, an optional header, the timestamp and label columns, which are
/// not inputs). With a header and a model that names its features, the inputs are picked by name (others are ignored);
/// otherwise the remaining columns are the inputs, in order, one per model input. An empty cell, <c>NaN</c> or an
/// infinity is a missing sample: the runtime replaces it by the channel's last valid value. The timestamps go to
/// <see cref="Clock"/>, which counts steps back, repeats and gaps; rows stay in file order.
/// </summary>
internal sealed class RecordingSteps : IDisposable
{
    private readonly CsvReader _reader;
    private readonly int[] _columns;
    private readonly int _width;
    private readonly int _timeColumn;
    private readonly string[]? _header;
    private byte[]? _pending;
    private long _pendingLine;

    /// <summary>Reads the first record: the header, or the first row.</summary>
    /// <param name="reader">The recording; owned and disposed by this reader.</param>
    /// <param name="inputs">The model's input width.</param>
    /// <param name="featureNames">The model's feature names, or empty.</param>
    /// <exception cref="InvalidDataException">The header lacks a feature or has the wrong number of columns.</exception>
    public RecordingSteps(CsvReader reader, int inputs, IReadOnlyList<string> featureNames)
    {
        _reader = reader;
        if (!Read(out ReadOnlySpan<byte> first))
        {
            _columns = [];
            _timeColumn = -1;
            return;
        }

        var layout = RecordingLayout.Of(first, reader.Dialect);
        _timeColumn = layout.TimeColumn;
        if (layout.Names is { } names)
        {
            _header = [.. names];
            _width = names.Count;
        }
        else
        {
            _pending = first.ToArray();
            _pendingLine = reader.Line;
            _width = inputs + (_timeColumn >= 0 ? 1 : 0);
        }

        if (_header is not null && featureNames.Count == inputs)
        {
            _columns = [.. featureNames.Select(name => ColumnOf(name, featureNames))];
            _timeColumn = Array.IndexOf(_columns, _timeColumn) >= 0 ? -1 : _timeColumn;
        }
        else
        {
            _columns = [.. layout.Channels.Take(inputs)];
            if (_header is not null && layout.Channels.Count != inputs)
            {
                throw new InvalidDataException($"{reader.Name} line {reader.Line}: expected {inputs} columns (one per model input); found {layout.Channels.Count} in the header{Besides(layout)}.");
            }
        }
    }

    /// <summary>What the timestamp column's clock did, in file order; null when the file has no timestamp column.</summary>
    public StreamClock? Clock { get; private set; }

    /// <summary>Reads the next step.</summary>
    /// <param name="input">Receives one value per model input.</param>
    /// <returns>False at the end of the file.</returns>
    /// <exception cref="InvalidDataException">The row has the wrong number of columns or a cell is not a number.</exception>
    public bool TryRead(Span<float> input)
    {
        long line = _pendingLine;
        ReadOnlySpan<byte> record = _pending;
        if (_pending is null)
        {
            if (!Read(out record))
            {
                return false;
            }

            line = _reader.Line;
        }

        _pending = null;
        CsvDialect dialect = _reader.Dialect;
        int count = CsvFieldReader.Count(record, dialect);
        if (count != _width)
        {
            throw new InvalidDataException($"{_reader.Name} line {line}: expected {_width} columns; found {count}.");
        }

        int index = 0;
        foreach (CsvField field in new CsvFieldReader(record, dialect))
        {
            int slot = Array.IndexOf(_columns, index);
            if (slot >= 0 && field.ParseNumber(dialect, out input[slot]) == CellKind.Text)
            {
                string column = _header is null ? $"column {index + 1}" : $"column '{_header[index]}'";
                throw new InvalidDataException($"{_reader.Name} line {line}, {column}: expected a number; found \"{field.ToString().Trim()}\".");
            }

            if (index == _timeColumn && field.TryParseTimestamp(out long micros))
            {
                Clock ??= new StreamClock();
                Clock.ObserveUnixMicroseconds(micros);
            }

            index++;
        }

        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();

    private bool Read(out ReadOnlySpan<byte> record)
    {
        try
        {
            return _reader.TryRead(out record);
        }
        catch (CsvFormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    private int ColumnOf(string name, IReadOnlyList<string> featureNames)
    {
        int found = RecordingColumns.IndexOf(_header!, name);
        return found >= 0 ? found
            : throw new InvalidDataException($"{_reader.Name} line {_reader.Line}: expected a column named '{name}' (the model's inputs are {string.Join(", ", featureNames)}); found columns {string.Join(", ", _header!)}.");
    }

    private static string Besides(RecordingLayout layout)
    {
        var special = new[] { layout.TimeColumn, layout.LabelColumn }.Where(c => c >= 0).Select(c => $"'{layout.Names![c]}'").ToArray();
        return special.Length == 0 ? string.Empty : $" besides {string.Join(" and ", special)}";
    }
}
