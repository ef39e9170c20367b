using System.Globalization;
using System.Text;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Framing;

/// <summary>Data lines: splitting fields and parsing numbers and timestamps without allocating.</summary>
internal sealed partial class CsvLineParser
{
    private const int MaxDecimalCommaField = 64;

    private bool TryParseData(ReadOnlySpan<byte> line, SampleBuffer sample)
    {
        int fields = line.Count(_separator) + 1;
        if (_fieldCount == 0)
        {
            LearnLayout(line, fields);
            if (_channelCount == 0)
            {
                _fieldCount = 0;
                _counters.AddBadFrame(BadFrameReason.WrongFieldCount);
                return false;
            }
        }

        if (fields != _fieldCount)
        {
            _counters.AddBadFrame(BadFrameReason.WrongFieldCount);
            return false;
        }

        if (_channelCount > sample.Capacity)
        {
            _counters.AddBadFrame(BadFrameReason.BadChannelCount);
            return false;
        }

        Span<float> values = sample.Begin(_channelCount);
        ReadOnlySpan<byte> rest = line;
        int channel = 0;
        for (int index = 0; index < fields; index++)
        {
            ReadOnlySpan<byte> field = NextField(ref rest, _separator, out _);
            if (index == 0 && _hasTimestampColumn)
            {
                if (!TryParseTimestamp(TrimField(field), out long micros))
                {
                    _counters.AddBadFrame(BadFrameReason.BadTimestamp);
                    return false;
                }

                sample.TimestampMicroseconds = micros;
                sample.HasTimestamp = true;
                continue;
            }

            if (!TryParseValue(field, out float value))
            {
                _counters.AddBadFrame(BadFrameReason.NotANumber);
                return false;
            }

            if (index == _labelColumn)
            {
                sample.Label = value;
            }
            else
            {
                values[channel++] = value;
            }
        }

        sample.End();
        _counters.AddFrame(sample.NonFiniteCount > 0);
        return true;
    }

    private void LearnLayout(ReadOnlySpan<byte> line, int fields)
    {
        if (_options.Timestamp == CsvTimestamp.Auto)
        {
            ReadOnlySpan<byte> rest = line;
            ReadOnlySpan<byte> first = TrimField(NextField(ref rest, _separator, out _));
            if (!TryParseValue(first, out _) && Iso8601.TryParseUnixMicroseconds(first, out _))
            {
                _hasTimestampColumn = true;
                _timestampKind = CsvTimestamp.Iso8601;
            }
        }

        int extra = (_hasTimestampColumn ? 1 : 0) + (_labelColumn >= 0 ? 1 : 0);
        if (_channelCount == 0)
        {
            SetChannelCount(fields - extra);
        }

        _fieldCount = _channelCount + extra;
    }

    private bool TryParseTimestamp(ReadOnlySpan<byte> field, out long micros)
    {
        if (_timestampKind != CsvTimestamp.Iso8601 && TryParseUnixSeconds(field, out micros))
        {
            _timestampKind = CsvTimestamp.UnixSeconds;
            return true;
        }

        if (_timestampKind != CsvTimestamp.UnixSeconds && Iso8601.TryParseUnixMicroseconds(field, out micros))
        {
            _timestampKind = CsvTimestamp.Iso8601;
            return true;
        }

        micros = 0;
        return false;
    }

    private static bool TryParseUnixSeconds(ReadOnlySpan<byte> field, out long micros)
    {
        const double Limit = 1e11;
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            && double.IsFinite(seconds) && Math.Abs(seconds) < Limit)
        {
            micros = (long)Math.Round(seconds * 1e6);
            return true;
        }

        micros = 0;
        return false;
    }

    private bool TryParseValue(ReadOnlySpan<byte> field, out float value)
    {
        field = TrimField(field);
        if (field.IsEmpty)
        {
            value = float.NaN;
            return true;
        }

        if (float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (TryParseNonFinite(field, out value))
        {
            return true;
        }

        if (_separator == (byte)';' && field.Length <= MaxDecimalCommaField && field.Contains((byte)','))
        {
            Span<byte> copy = stackalloc byte[MaxDecimalCommaField];
            field.CopyTo(copy);
            copy = copy[..field.Length];
            copy.Replace((byte)',', (byte)'.');
            return float.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        return false;
    }

    private static bool TryParseNonFinite(ReadOnlySpan<byte> field, out float value)
    {
        ReadOnlySpan<byte> body = field[0] is (byte)'+' or (byte)'-' ? field[1..] : field;
        bool negative = field[0] == (byte)'-';
        if (Ascii.EqualsIgnoreCase(body, "nan"u8))
        {
            value = float.NaN;
            return true;
        }

        if (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8))
        {
            value = negative ? float.NegativeInfinity : float.PositiveInfinity;
            return true;
        }

        value = 0;
        return false;
    }

    private static ReadOnlySpan<byte> NextField(ref ReadOnlySpan<byte> rest, byte separator, out bool last)
    {
        int end = rest.IndexOf(separator);
        if (end < 0)
        {
            ReadOnlySpan<byte> field = rest;
            rest = default;
            last = true;
            return field;
        }

        ReadOnlySpan<byte> head = rest[..end];
        rest = rest[(end + 1)..];
        last = false;
        return head;
    }

    private static ReadOnlySpan<byte> TrimField(ReadOnlySpan<byte> field) => field.Trim(" \t\"'"u8);
}
