using System.Globalization;
using System.Text;
using EdgeRnn.Recordings;
using EdgeRnn.Device.Scores;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Device.Tests.Scores;

public class ScoresCsvTests
{
    private static long Micros(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    private static string Format(ScoreRow row)
    {
        var buffer = new byte[ScoresCsv.MaxRowBytes];
        return Encoding.ASCII.GetString(buffer, 0, ScoresCsv.Format(row, buffer));
    }

    [Fact]
    public void Format_WholeSecond_NabResultsLayout()
    {
        var time = new DateTime(2014, 4, 1, 0, 5, 0, DateTimeKind.Utc);

        Assert.Equal("2014-04-01 00:05:00,0.25,0,none\n", Format(new ScoreRow(Micros(time), 0.25f, false, LevelShift.None)));
        Assert.Equal("2014-04-01 00:05:00,1,1,up\n", Format(new ScoreRow(Micros(time), 1f, true, LevelShift.Up)));
        Assert.Equal("2014-04-01 00:05:00,0,0,down\n", Format(new ScoreRow(Micros(time), 0f, false, LevelShift.Down)));
    }

    [Fact]
    public void FormatTimestamp_WholeSeconds_SameTextAsNabsLayout()
    {
        var random = new Random(3);
        var buffer = new byte[32];
        for (int i = 0; i < 1000; i++)
        {
            var time = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.NextInt64(0, 40L * 365 * 86400));

            string text = Encoding.ASCII.GetString(buffer, 0, ScoresCsv.FormatTimestamp(Micros(time), buffer));

            Assert.Equal(time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), text);
        }
    }

    [Theory]
    [InlineData(250_000, "2026-01-01 00:00:00.25")]
    [InlineData(100_000, "2026-01-01 00:00:00.1")]
    [InlineData(1, "2026-01-01 00:00:00.000001")]
    [InlineData(999_999, "2026-01-01 00:00:00.999999")]
    public void FormatTimestamp_Fraction_TrimmedAndReadBackAsTheSameInstant(long fractionMicros, string expected)
    {
        long micros = Micros(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)) + fractionMicros;
        var buffer = new byte[32];

        int length = ScoresCsv.FormatTimestamp(micros, buffer);

        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, length));
        Assert.True(RecordingTime.TryParseIso8601(buffer.AsSpan(0, length), out long read));
        Assert.Equal(micros, read);
    }

    [Fact]
    public void Format_Scores_ParseBackToTheSameBits()
    {
        var random = new Random(7);
        float[] special = [0f, 1f, 0.1f, 1f / 3, 0.99999994f, 1e-7f, float.Epsilon, BitConverter.Int32BitsToSingle(0x3F7FFFFF)];
        foreach (float score in special.Concat(Enumerable.Range(0, 10_000).Select(_ => random.NextSingle())))
        {
            string[] fields = Format(new ScoreRow(0, score, false, LevelShift.None)).TrimEnd('\n').Split(',');

            Assert.Equal(4, fields.Length);
            Assert.Equal(BitConverter.SingleToInt32Bits(score), BitConverter.SingleToInt32Bits(float.Parse(fields[1], CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void Format_LongestRow_FitsMaxRowBytes()
    {
        var row = new ScoreRow(Micros(new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc)) + 999_999, -1.17549435E-38f, true, LevelShift.Down);

        Assert.True(Format(row).Length <= ScoresCsv.MaxRowBytes);
    }
}
