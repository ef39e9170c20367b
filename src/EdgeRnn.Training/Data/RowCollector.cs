using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Training.Data;

/// <summary>Collects the chosen cells of each row of one file, then cleans them into a <see cref="Recording"/>.</summary>
internal sealed class RowCollector
{
    private readonly ColumnLayout _layout;
    private readonly string _path;
    private readonly bool _decimalComma;
    private readonly string _timeName;
    private readonly List<float> _values = [];
    private readonly List<bool> _invalid = [];
    private readonly List<double> _times = [];
    private readonly List<string> _labels = [];
    private int _missingCells;
    private int _firstLine;
    private int _lastLine;

    /// <summary>Creates a collector.</summary>
    /// <param name="layout">Where the chosen columns are.</param>
    /// <param name="path">Named in errors.</param>
    /// <param name="decimalComma">Whether "1,5" parses as 1.5.</param>
    /// <param name="timeName">The time column's name, for errors.</param>
    public RowCollector(ColumnLayout layout, string path, bool decimalComma, string? timeName)
    {
        _timeName = timeName ?? string.Empty;
        _layout = layout;
        _path = path;
        _decimalComma = decimalComma;
    }

    /// <summary>Adds a row.</summary>
    /// <param name="fields">The row's fields (the header's count).</param>
    /// <param name="line">The row's 1-based line, for errors.</param>
    /// <exception cref="RecordingException">A non-empty timestamp cannot be parsed.</exception>
    public void Add(IReadOnlyList<string> fields, int line)
    {
        _firstLine = _firstLine == 0 ? line : _firstLine;
        _lastLine = line;
        bool invalid = false;
        foreach (int field in _layout.Inputs)
        {
            // A number beyond float's range is as unusable as a non-numeric cell.
            float value = CellParser.TryParseNumber(fields[field], _decimalComma, out double parsed) ? (float)parsed : float.NaN;
            if (!float.IsFinite(value))
            {
                _missingCells++;
                value = float.NaN;
            }

            _values.Add(value);
        }

        if (_layout.Time >= 0)
        {
            string cell = fields[_layout.Time];
            if (!CellParser.TryParseTimestamp(cell, out double seconds) && !string.IsNullOrWhiteSpace(cell))
            {
                throw new RecordingException(_path, line, $"Expected a timestamp (ISO 8601 or Unix seconds) in the time column '{_timeName}'; found '{cell}'. If that column is not a timestamp, name another time column or none.");
            }

            invalid |= double.IsNaN(seconds);
            _times.Add(seconds);
        }

        if (_layout.Label >= 0)
        {
            string label = fields[_layout.Label].Trim();
            invalid |= label.Length == 0;
            _labels.Add(label);
        }

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
