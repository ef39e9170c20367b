using System.Buffers;
using System.Globalization;
using System.Text;

namespace EdgeRnn.Recordings.Tests;

/// <summary>The board's per-sample path through the reader: split, fields, numbers and timestamps allocate nothing.</summary>
public class AllocationTests
{
    [Fact]
    public void SplitFieldsNumbersAndTimestamps_WarmRecords_AllocateNothing()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 2000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"2026-01-01T00:{i / 6000 % 60:00}:{i / 100 % 60:00}.{i % 100:00}Z;{i * 0.5};\"-{i % 17},25\";NaN;{1_767_225_600 + i}.5\r\n");
        }

        byte[] data = Encoding.ASCII.GetBytes(text.ToString());
        ReadOnlySequence<byte> chunked = Sequences.Chunked(data, 1000);
        var splitter = new CsvRecordSplitter();
        double sum = 0;
        void Read()
        {
            ReadOnlySequence<byte> buffer = chunked;
            while (splitter.TryRead(ref buffer, true, out ReadOnlySpan<byte> record) == CsvSplit.Record)
            {
                int index = 0;
                foreach (CsvField field in new CsvFieldReader(record, splitter.Dialect!.Value))
                {
                    if (index++ is 0 or 4)
                    {
                        Assert.True(field.TryParseTimestamp(out long micros));
                        sum += micros * 1e-12;
                    }
                    else
                    {
                        field.ParseNumber(splitter.Dialect.Value, out float value);
                        sum += float.IsFinite(value) ? value : 0;
                    }
                }
            }
        }

        Read();
        long allocated = ThreadAllocations.LeastOf(Read);

        Assert.Equal(0, allocated);
        Assert.True(sum != 0);
    }
}
