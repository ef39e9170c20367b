using System.Globalization;

namespace EdgeRnn.Recordings.Tests;

public class RecordingTimeTests
{
    [Theory]
    [InlineData("2026-01-01T00:00:00Z", "2026-01-01T00:00:00.0000000+00:00")]
    [InlineData("2026-01-01", "2026-01-01T00:00:00.0000000+00:00")]
    [InlineData("2026-03-05 12:34", "2026-03-05T12:34:00.0000000+00:00")]
    [InlineData("2026-03-05T12:34:56.789123", "2026-03-05T12:34:56.7891230+00:00")]
    [InlineData("2026-03-05T12:34:56,5+02:00", "2026-03-05T10:34:56.5000000+00:00")]
    [InlineData("2026-03-05T12:34:56-0130", "2026-03-05T14:04:56.0000000+00:00")]
    [InlineData("2024-02-29T23:59:59.123456789Z", "2024-02-29T23:59:59.1234560+00:00")]
    [InlineData("2014-04-01 00:00:00", "2014-04-01T00:00:00.0000000+00:00")]
    [InlineData("2020-03-09 10:14:33.5", "2020-03-09T10:14:33.5000000+00:00")]
    [InlineData("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00.0000000+00:00")]
    [InlineData("2023-11-14t22:13:20z", "2023-11-14T22:13:20.0000000+00:00")]
    [InlineData(" 2023-11-14 22:13:20 ", "2023-11-14T22:13:20.0000000+00:00")]
    [InlineData("2023-11-14T22:13:20.5Z", "2023-11-14T22:13:20.5000000+00:00")]
    [InlineData("1970-01-01", "1970-01-01T00:00:00.0000000+00:00")]
    public void TryParse_Iso8601_GivesTheInstantInUtc(string text, string expected)
    {
        long want = (DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture).UtcTicks - DateTime.UnixEpoch.Ticks) / 10;

        Assert.True(RecordingTime.TryParse(Utf8.Bytes(text), out long micros));
        Assert.Equal(want, micros);
        Assert.True(RecordingTime.TryParseIso8601(Utf8.Bytes(text), out long iso));
        Assert.Equal(want, iso);
    }

    [Fact]
    public void TryParse_ZoneLessTimestamp_IsUtc()
    {
        Assert.True(RecordingTime.TryParse("2026-01-01 00:00:00"u8, out DateTime naive));
        Assert.True(RecordingTime.TryParse("2026-01-01T00:00:00Z"u8, out DateTime zoned));

        Assert.Equal(DateTimeKind.Utc, naive.Kind);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), naive);
        Assert.Equal(zoned, naive);
    }

    [Theory]
    [InlineData("1700000000", 1_700_000_000_000_000L)]
    [InlineData("1700000000.25", 1_700_000_000_250_000L)]
    [InlineData("1767225600.01", 1_767_225_600_010_000L)]
    [InlineData("1700000000.1234567", 1_700_000_000_123_457L)]
    [InlineData("1.7e9", 1_700_000_000_000_000L)]
    [InlineData("0", 0L)]
    [InlineData("-5", -5_000_000L)]
    [InlineData(" 12 ", 12_000_000L)]
    public void TryParse_UnixSeconds_RoundedToTheMicrosecond(string text, long expected)
    {
        Assert.True(RecordingTime.TryParse(Utf8.Bytes(text), out long micros));
        Assert.Equal(expected, micros);
        Assert.False(RecordingTime.TryParseIso8601(Utf8.Bytes(text), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("NaN")]
    [InlineData("01/02/2024")]
    [InlineData("2024/01/02 10:00")]
    [InlineData("2026-13-01")]
    [InlineData("2025-02-29")]
    [InlineData("2026-01-01T24:00")]
    [InlineData("2026-01-01T12:00:00.")]
    [InlineData("2026-01-01T12:00:00Q")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("1e300")]
    [InlineData("9300000000000")]
    public void TryParse_NotATimestamp_ReturnsFalse(string text)
    {
        Assert.False(RecordingTime.TryParse(Utf8.Bytes(text), out long _));
        Assert.False(RecordingTime.TryParse(Utf8.Bytes(text), out DateTime _));
    }

    [Fact]
    public void TryParse_UnixMilliseconds_AreSecondsBeyondTheCalendar()
    {
        Assert.True(RecordingTime.TryParse("1700000000000"u8, out long micros));
        Assert.Equal(1_700_000_000_000_000_000L, micros);
        Assert.False(RecordingTime.IsDateTime(micros));
        Assert.False(RecordingTime.TryParse("1700000000000"u8, out DateTime _));
    }

    [Fact]
    public void TryParse_TheEndsOfTheRange_AreTimestamps()
    {
        Assert.True(RecordingTime.TryParse("0001-01-01"u8, out DateTime first));
        Assert.True(RecordingTime.TryParse("9999-12-31T23:59:59.999999Z"u8, out DateTime last));
        Assert.True(RecordingTime.TryParse("253402300799"u8, out DateTime lastSecond));

        Assert.Equal(DateTime.MinValue, first);
        Assert.Equal(DateTime.MaxValue.AddTicks(-9), last);
        Assert.Equal(new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc), lastSecond);
    }

    [Fact]
    public void ToUnixSeconds_MicrosecondTimestamps_SameDoubleAsTheirText()
    {
        Assert.True(RecordingTime.TryParse("1700000000.1"u8, out long micros));

        Assert.Equal(1700000000.1, RecordingTime.ToUnixSeconds(micros));
    }
}
