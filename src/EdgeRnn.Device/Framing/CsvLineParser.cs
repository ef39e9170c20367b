using System.Buffers;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Framing;

/// <summary>
/// Reads CSV lines (ending in \n or \r\n, the last one may lack it) into samples: an optional header line of channel names,
/// an optional leading timestamp column, an optional label column ("label", "anomaly"), numeric fields in the invariant
/// culture. Empty fields, "NaN" and infinities ("inf", "Infinity") are values flagged as non-finite; empty lines and lines
/// starting with '#' are skipped. Malformed lines are counted by reason and skipped; a line longer than
/// <see cref="CsvOptions.MaxLineLength"/> is skipped up to its newline without being buffered.
/// </summary>
internal sealed partial class CsvLineParser : IFrameParser
{
    private readonly CsvOptions _options;
    private readonly FrameCounters _counters;
    private readonly byte[] _scratch;
    private string[] _names = [];
    private byte _separator;
    private bool _firstLineSeen;
    private bool _skippingLongLine;
    private bool _hasTimestampColumn;
    private CsvTimestamp _timestampKind;
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
        if (options.Separator is not (0 or (byte)',' or (byte)';'))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), $"Expected the separator ',' or ';' (or 0 to detect it); found 0x{options.Separator:X2}.");
        }

        _options = options;
        _counters = counters;
        _scratch = new byte[options.MaxLineLength];
        _separator = options.Separator;
        _timestampKind = options.Timestamp;
        _hasTimestampColumn = options.Timestamp is CsvTimestamp.UnixSeconds or CsvTimestamp.Iso8601;
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
    public byte Separator => _separator;

    /// <summary>Whether the first column is a timestamp (known after the first line).</summary>
    public bool HasTimestampColumn => _hasTimestampColumn;

    /// <inheritdoc/>
    public bool TryReadSample(ref ReadOnlySequence<byte> buffer, bool isCompleted, SampleBuffer sample)
    {
        while (!buffer.IsEmpty)
        {
            SequencePosition? newline = buffer.PositionOf((byte)'\n');
            if (newline is null)
            {
                return TryReadUnterminated(ref buffer, isCompleted, sample);
            }

            ReadOnlySequence<byte> line = buffer.Slice(0, newline.Value);
            buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
            if (_skippingLongLine)
            {
                _skippingLongLine = false;
                _counters.AddSkippedBytes(line.Length + 1);
                continue;
            }

            if (line.Length > _options.MaxLineLength)
            {
                _counters.AddBadFrame(BadFrameReason.LineTooLong);
                _counters.AddSkippedBytes(line.Length + 1);
                continue;
            }

            if (TryParseLine(line, sample))
            {
                return true;
            }
        }

        if (isCompleted)
        {
            _skippingLongLine = false;
        }

        return false;
    }

    private bool TryReadUnterminated(ref ReadOnlySequence<byte> buffer, bool isCompleted, SampleBuffer sample)
    {
        if (_skippingLongLine || buffer.Length > _options.MaxLineLength)
        {
            if (!_skippingLongLine)
            {
                _counters.AddBadFrame(BadFrameReason.LineTooLong);
            }

            _counters.AddSkippedBytes(buffer.Length);
            _skippingLongLine = !isCompleted;
            buffer = buffer.Slice(buffer.End);
            return false;
        }

        if (!isCompleted)
        {
            return false;
        }

        ReadOnlySequence<byte> line = buffer;
        buffer = buffer.Slice(buffer.End);
        return TryParseLine(line, sample);
    }

    private bool TryParseLine(ReadOnlySequence<byte> sequence, SampleBuffer sample)
    {
        ReadOnlySpan<byte> line;
        if (sequence.IsSingleSegment)
        {
            line = sequence.FirstSpan;
        }
        else
        {
            sequence.CopyTo(_scratch);
            line = _scratch.AsSpan(0, (int)sequence.Length);
        }

        line = line.Trim(" \t\r"u8);
        if (line.IsEmpty || line[0] == (byte)'#')
        {
            return false;
        }

        if (!_firstLineSeen)
        {
            _firstLineSeen = true;
            if (_separator == 0)
            {
                _separator = line.Contains((byte)';') ? (byte)';' : (byte)',';
            }

            if (IsHeader(line))
            {
                ReadHeader(line);
                return false;
            }
        }

        return TryParseData(line, sample);
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
