using System.Text;
using EdgeRnn.Device.Framing;

namespace EdgeRnn.Device.Tests.Framing;

public class Iso8601Tests
{
    [Theory]
    [InlineData("2026-01-01T00:00:00Z", "2026-01-01T00:00:00.0000000+00:00")]
    [InlineData("2026-01-01", "2026-01-01T00:00:00.0000000+00:00")]
    [InlineData("2026-03-05 12:34", "2026-03-05T12:34:00.0000000+00:00")]
    [InlineData("2026-03-05T12:34:56.789123", "2026-03-05T12:34:56.7891230+00:00")]
    [InlineData("2026-03-05T12:34:56,5+02:00", "2026-03-05T10:34:56.5000000+00:00")]
    [InlineData("2026-03-05T12:34:56-0130", "2026-03-05T14:04:56.0000000+00:00")]
    [InlineData("2024-02-29T23:59:59.123456789Z", "2024-02-29T23:59:59.1234567+00:00")]
    public void TryParseUnixMicroseconds_ValidText_MatchesDateTimeOffset(string text, string expected)
    {
        long want = (DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).UtcTicks
            - DateTime.UnixEpoch.Ticks) / 10;

        Assert.True(Iso8601.TryParseUnixMicroseconds(Encoding.ASCII.GetBytes(text), out long micros));
        Assert.Equal(want, micros);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13-01")]
    [InlineData("2025-02-29")]
    [InlineData("2026-01-01T24:00")]
    [InlineData("2026-01-01T12:00:00.")]
    [InlineData("2026-01-01T12:00:00Q")]
    [InlineData("2026/01/01")]
    [InlineData("1700000000")]
    public void TryParseUnixMicroseconds_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(Iso8601.TryParseUnixMicroseconds(Encoding.ASCII.GetBytes(text), out _));
    }
}
