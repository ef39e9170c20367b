using System.Buffers;
using EdgeRnn.Device.Samples;
using EdgeRnn.Recordings;

namespace EdgeRnn.Device.Framing;

/// <summary>
/// CSV lines into samples, read by the recording contract every EdgeRnn command shares (<c>src/EdgeRnn.Recordings</c>):
/// its splitter cuts records out of the pipe's buffer (quoted fields, CRLF, blank and '#' lines, the length cap) and fixes
/// the delimiter, its layout tells a header and finds the timestamp and label columns, and its cell rules parse numbers
/// and timestamps. This parser fills the <see cref="SampleBuffer"/> and counts what is wrong by reason instead of
/// throwing: a line of another field count, a value that is not a number, a timestamp that is not one, a line longer than
/// <see cref="CsvOptions.MaxLineLength"/> (dropped as it streams in). Empty fields, <c>NaN</c> and infinities are values
/// flagged as non-finite.
/// </summary>
internal sealed partial class CsvLineParser : IFrameParser
{
    private readonly CsvOptions _options;
    private readonly FrameCounters _counters;
    private readonly CsvRecordSplitter _splitter;
    private string[] _names = [];
    private bool _headerChecked;
    private int _timeColumn = -1;
    private int _labelColumn = -1;
    private int _fieldCount;
    private int _channelCount;

    /// <summary>Creates a parser.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="counters">Where good and bad frames are counted.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public CsvLineParser(CsvOptions options, FrameCounters counters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLineLength, 16, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxLineLength, 1 << 20, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.ExpectedChannels, nameof(options));
        if (options.Separator != 0 && !CsvDialect.TryFromDelimiter((char)options.Separator, out _))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), $"Expected the separator ',', ';' or a tab (or 0 to detect it); found 0x{options.Separator:X2}.");
        }

        _options = options;
        _counters = counters;
        _splitter = new CsvRecordSplitter(options.MaxLineLength) { Dialect = ConfiguredDialect };
        if (options.ExpectedChannels > 0)
        {
            SetChannelCount(options.ExpectedChannels);
        }
    }

    /// <inheritdoc/>
    public int ChannelCount => _channelCount;

    /// <inheritdoc/>
    public IReadOnlyList<string> ChannelNames => _names;

    /// <summary>The separator in use, or 0 before the first line.</summary>
    public byte Separator => _splitter.Dialect?.Delimiter ?? 0;

    /// <summary>Whether the data has a timestamp column (known after the first line).</summary>
    public bool HasTimestampColumn => _timeColumn >= 0;

    private CsvDialect? ConfiguredDialect =>
        CsvDialect.TryFromDelimiter((char)_options.Separator, out CsvDialect dialect) ? dialect : null;

    /// <inheritdoc/>
    public bool TryReadSample(ref ReadOnlySequence<byte> buffer, bool isCompleted, SampleBuffer sample)
    {
        while (true)
        {
            switch (_splitter.TryRead(ref buffer, isCompleted, out ReadOnlySpan<byte> record))
            {
                case CsvSplit.Record when TryParseRecord(record, sample):
                    return true;
                case CsvSplit.Record:
                    break;
                case CsvSplit.TooLong:
                    _counters.AddBadFrame(BadFrameReason.LineTooLong);
                    _counters.AddSkippedBytes(_splitter.SkippedBytes);
                    break;
                case CsvSplit.Skipped:
                    _counters.AddSkippedBytes(_splitter.SkippedBytes);
                    break;
                default:
                    return false;
            }
        }
    }

    private bool TryParseRecord(ReadOnlySpan<byte> record, SampleBuffer sample)
    {
        CsvDialect dialect = _splitter.Dialect.GetValueOrDefault();
        if (!_headerChecked)
        {
            _headerChecked = true;
            RecordingLayout layout = Layout(record, dialect);
            if (layout.HasHeader)
            {
                UseHeader(layout);
                return false;
            }
        }

        if (_fieldCount == 0 && !LearnLayout(record, dialect))
        {
            _counters.AddBadFrame(BadFrameReason.WrongFieldCount);
            return false;
        }

        return TryParseData(record, dialect, sample);
    }

    private RecordingLayout Layout(ReadOnlySpan<byte> record, CsvDialect dialect) =>
        RecordingLayout.Of(record, dialect, findTime: _options.Timestamp != CsvTimestamp.None);

    private void UseHeader(RecordingLayout layout)
    {
        string[] names = [.. layout.Channels.Select(i => layout.Names![i])];
        if (names.Length == 0 || (_channelCount > 0 && names.Length != _channelCount))
        {
            // Not the header of the expected layout (or garbage): count it and let the next line be the header.
            _counters.AddBadFrame(BadFrameReason.ChannelCountMismatch);
            _headerChecked = false;
            _splitter.Dialect = ConfiguredDialect;
            return;
        }

        _timeColumn = layout.TimeColumn;
        _labelColumn = layout.LabelColumn;
        _fieldCount = layout.FieldCount;
        _channelCount = names.Length;
        _names = names;
    }

    /// <summary>Without a header, the first data line gives the field count (and whether it starts with a timestamp).</summary>
    private bool LearnLayout(ReadOnlySpan<byte> record, CsvDialect dialect)
    {
        RecordingLayout layout = Layout(record, dialect);
        _timeColumn = layout.TimeColumn;
        int extra = _timeColumn >= 0 ? 1 : 0;
        if (_channelCount == 0)
        {
            SetChannelCount(layout.FieldCount - extra);
        }

        _fieldCount = _channelCount == 0 ? 0 : _channelCount + extra;
        return _fieldCount > 0;
    }

    private void SetChannelCount(int count)
    {
        _channelCount = count;
        if (_names.Length != count)
        {
            _names = ChannelNaming.Default(count);
        }
    }
}
