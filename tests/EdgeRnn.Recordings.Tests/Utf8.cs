using System.Buffers;
using System.Text;

namespace EdgeRnn.Recordings.Tests;

/// <summary>Test text as bytes and as the sequences a pipe hands out.</summary>
internal static class Utf8
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Every record of <paramref name="text"/> as the splitter returns it, with its line.</summary>
    public static List<(string Text, long Line)> Records(string text, CsvRecordSplitter? splitter = null)
    {
        splitter ??= new CsvRecordSplitter();
        var buffer = new ReadOnlySequence<byte>(Bytes(text));
        var records = new List<(string, long)>();
        while (splitter.TryRead(ref buffer, true, out ReadOnlySpan<byte> record) != CsvSplit.NeedMore)
        {
            records.Add((Encoding.UTF8.GetString(record), splitter.Line));
        }

        return records;
    }

    /// <summary>The fields of one record, as text.</summary>
    public static string[] Fields(string record, CsvDialect dialect) => CsvFieldReader.ReadAll(Bytes(record), dialect);
}
