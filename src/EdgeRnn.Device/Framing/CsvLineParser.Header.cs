using System.Text;

namespace EdgeRnn.Device.Framing;

/// <summary>Header detection: a first line with a field that is neither a number nor a leading timestamp names the columns.</summary>
internal sealed partial class CsvLineParser
{
    private bool IsHeader(ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> rest = line;
        for (int index = 0; ; index++)
        {
            ReadOnlySpan<byte> field = NextField(ref rest, _separator, out bool last);
            bool isTimestamp = index == 0 && _options.Timestamp != CsvTimestamp.None
                && Iso8601.TryParseUnixMicroseconds(TrimField(field), out _);
            if (!isTimestamp && !TryParseValue(field, out _))
            {
                return true;
            }

            if (last)
            {
                return false;
            }
        }
    }

    private void ReadHeader(ReadOnlySpan<byte> line)
    {
        var names = new List<string>();
        ReadOnlySpan<byte> rest = line;
        int index = 0;
        bool last;
        do
        {
            ReadOnlySpan<byte> field = TrimField(NextField(ref rest, _separator, out last));
            if (index == 0 && _options.Timestamp == CsvTimestamp.Auto && IsTimestampName(field))
            {
                _hasTimestampColumn = true;
            }
            else if (!(index == 0 && _hasTimestampColumn) && _labelColumn < 0 && IsLabelName(field))
            {
                _labelColumn = index;
            }
            else if (!(index == 0 && _hasTimestampColumn))
            {
                names.Add(Encoding.UTF8.GetString(field));
            }

            index++;
        }
        while (!last);

        if (names.Count == 0 || (_channelCount > 0 && names.Count != _channelCount))
        {
            // Not the header of the expected layout (or garbage): count it and let the next line be the header.
            _counters.AddBadFrame(BadFrameReason.ChannelCountMismatch);
            _firstLineSeen = false;
            _separator = _options.Separator;
            _labelColumn = -1;
            _hasTimestampColumn = _options.Timestamp is CsvTimestamp.UnixSeconds or CsvTimestamp.Iso8601;
            return;
        }

        _fieldCount = index;

        _channelCount = names.Count;
        _names = [.. names];
    }

    private static bool IsTimestampName(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "time"u8) || Ascii.EqualsIgnoreCase(name, "timestamp"u8)
        || Ascii.EqualsIgnoreCase(name, "ts"u8) || Ascii.EqualsIgnoreCase(name, "t"u8)
        || Ascii.EqualsIgnoreCase(name, "date"u8) || Ascii.EqualsIgnoreCase(name, "datetime"u8)
        || Ascii.EqualsIgnoreCase(name, "epoch"u8) || Ascii.EqualsIgnoreCase(name, "unix"u8)
        || Ascii.EqualsIgnoreCase(name, "time_s"u8) || Ascii.EqualsIgnoreCase(name, "utc"u8);

    private static bool IsLabelName(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "label"u8) || Ascii.EqualsIgnoreCase(name, "anomaly"u8)
        || Ascii.EqualsIgnoreCase(name, "is_anomaly"u8);
}
