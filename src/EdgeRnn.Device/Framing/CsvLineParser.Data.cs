using EdgeRnn.Device.Samples;
using EdgeRnn.Recordings;

namespace EdgeRnn.Device.Framing;

/// <summary>Data lines: one pass over the fields, without allocating.</summary>
internal sealed partial class CsvLineParser
{
    private bool TryParseData(ReadOnlySpan<byte> record, CsvDialect dialect, SampleBuffer sample)
    {
        if (CsvFieldReader.Count(record, dialect) != _fieldCount)
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
        int index = 0;
        int channel = 0;
        foreach (CsvField field in new CsvFieldReader(record, dialect))
        {
            if (index == _timeColumn)
            {
                // The detector takes a DateTime: a timestamp beyond 9999 (Unix milliseconds) is not one here.
                if (!field.TryParseTimestamp(out long micros) || !RecordingTime.IsDateTime(micros))
                {
                    _counters.AddBadFrame(BadFrameReason.BadTimestamp);
                    return false;
                }

                sample.TimestampMicroseconds = micros;
                sample.HasTimestamp = true;
            }
            else if (field.ParseNumber(dialect, out float value) == CellKind.Text)
            {
                _counters.AddBadFrame(BadFrameReason.NotANumber);
                return false;
            }
            else if (index == _labelColumn)
            {
                sample.Label = value;
            }
            else
            {
                values[channel++] = value;
            }

            index++;
        }

        sample.End();
        _counters.AddFrame(sample.NonFiniteCount > 0);
        return true;
    }
}
