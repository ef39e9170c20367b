using EdgeRnn.Recordings;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Training.Data;

/// <summary>Collects the chosen cells of each row of one file, then cleans them into a <see cref="Recording"/>.</summary>
internal sealed class RowCollector
{
    private const int TimeRole = -2;
    private const int LabelRole = -3;

    private readonly ColumnLayout _layout;
    private readonly CsvDialect _dialect;
    private readonly string _path;
    private readonly string _timeName;
    private readonly int[] _roles;
    private readonly float[] _row;
    private readonly List<float> _values = [];
    private readonly List<bool> _invalid = [];
    private readonly List<double> _times = [];
    private readonly List<string> _labels = [];
    private int _missingCells;
    private int _firstLine;
    private int _lastLine;

    /// <summary>Creates a collector.</summary>
    /// <param name="layout">Where the chosen columns are.</param>
    /// <param name="dialect">The file's dialect.</param>
    /// <param name="path">Named in errors.</param>
    /// <param name="timeName">The time column's name, for errors.</param>
    public RowCollector(ColumnLayout layout, CsvDialect dialect, string path, string? timeName)
    {
        _timeName = timeName ?? string.Empty;
        _layout = layout;
        _dialect = dialect;
        _path = path;
        _row = new float[layout.Inputs.Length];
        _roles = new int[layout.FieldCount];
        Array.Fill(_roles, -1);
        for (int k = 0; k < layout.Inputs.Length; k++)
        {
            _roles[layout.Inputs[k]] = k;
        }

        if (layout.Time >= 0)
        {
            _roles[layout.Time] = TimeRole;
        }

        if (layout.Label >= 0)
        {
            _roles[layout.Label] = LabelRole;
        }
    }

    /// <summary>Adds a row.</summary>
    /// <param name="record">The row's record (the header's field count).</param>
    /// <param name="line">The row's 1-based line, for errors.</param>
    /// <exception cref="RecordingException">A non-empty timestamp cannot be parsed.</exception>
    public void Add(ReadOnlySpan<byte> record, int line)
    {
        _firstLine = _firstLine == 0 ? line : _firstLine;
        _lastLine = line;
        bool invalid = false;
        int index = 0;
        foreach (CsvField field in new CsvFieldReader(record, _dialect))
        {
            switch (_roles[index++])
            {
                case >= 0 and int input:
                    // A missing, non-numeric or non-finite cell is missing, and so is a number beyond float's range.
                    float value = field.ParseNumber(_dialect, out double parsed) == CellKind.Number ? (float)parsed : float.NaN;
                    _missingCells += float.IsFinite(value) ? 0 : 1;
                    _row[input] = float.IsFinite(value) ? value : float.NaN;
                    break;
                case TimeRole:
                    double seconds = field.TryParseTimestamp(out long micros) ? RecordingTime.ToUnixSeconds(micros) : double.NaN;
                    if (double.IsNaN(seconds) && !field.IsEmpty)
                    {
                        throw new RecordingException(_path, line, $"Expected a timestamp (ISO 8601 or Unix seconds) in the time column '{_timeName}'; found '{field.ToString()}'. If that column is not a timestamp, name another time column or none.");
                    }

                    invalid |= double.IsNaN(seconds);
                    _times.Add(seconds);
                    break;
                case LabelRole:
                    string label = field.ToString().Trim();
                    invalid |= label.Length == 0;
                    _labels.Add(label);
                    break;
            }
        }

        _values.AddRange(_row);
        _invalid.Add(invalid);
    }

    /// <summary>Cleans the collected rows.</summary>
    /// <param name="options">The missing-value and time-break settings.</param>
    /// <returns>The recording.</returns>
    /// <exception cref="RecordingException">No row is usable.</exception>
    public Recording Finish(DataOptions options)
    {
        int channels = _layout.Inputs.Length;
        var cleaned = MissingValuePolicy.Apply(_values.ToArray(), channels, _invalid.ToArray(), options.MaxCarriedCells);
        if (cleaned.SourceRows.Length == 0)
        {
            throw new RecordingException(_path, _firstLine, $"Expected usable rows; all {_invalid.Count} data rows (lines {_firstLine} to {_lastLine}) were dropped for missing or non-numeric cells (at most {options.MaxCarriedCells} consecutive missing cells per channel are filled), or for an empty timestamp or label.");
        }

        double[]? times = _layout.Time >= 0 ? cleaned.SourceRows.Select(r => _times[r]).ToArray() : null;
        int[] segmentStarts = cleaned.SegmentStarts;
        int timeBreaks = 0;
        double period = 0;
        StreamClock? clock = null;
        if (times is not null)
        {
            clock = new StreamClock();
            foreach (double t in times)
            {
                clock.Observe((long)Math.Round(t * TimeSpan.TicksPerSecond));
            }

            period = TimeBreaks.MedianStep(times, segmentStarts);
            (segmentStarts, timeBreaks) = TimeBreaks.Split(times, segmentStarts, period, options.MaxTimeStepFactor);
        }

        return new Recording
        {
            Path = _path,
            DataRows = _invalid.Count,
            Channels = channels,
            Values = cleaned.Values,
            Times = times,
            Labels = _layout.Label >= 0 ? cleaned.SourceRows.Select(r => _labels[r]).ToArray() : null,
            SegmentStarts = segmentStarts,
            MissingCells = _missingCells,
            CarriedCells = cleaned.CarriedCells,
            DroppedRows = cleaned.DroppedRows,
            Gaps = cleaned.Gaps,
            TimeBreaks = timeBreaks,
            Clock = clock,
            SamplePeriodSeconds = period,
        };
    }
}
