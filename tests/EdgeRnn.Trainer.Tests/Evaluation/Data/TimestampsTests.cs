using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Trainer.Tests.Evaluation.Data;

public sealed class TimestampsTests
{
    [Theory]
    [InlineData("2014-04-01 00:00:00", 2014, 4, 1, 0, 0, 0, 0)]
    [InlineData("2020-03-09 10:14:33.5", 2020, 3, 9, 10, 14, 33, 500)]
    [InlineData("2026-01-01T00:00:00.100000Z", 2026, 1, 1, 0, 0, 0, 100)]
    [InlineData("2026-01-01T00:30:00+01:00", 2025, 12, 31, 23, 30, 0, 0)]
    [InlineData("1700000000", 2023, 11, 14, 22, 13, 20, 0)]
    [InlineData("1700000000.25", 2023, 11, 14, 22, 13, 20, 250)]
    public void TryParse_KnownLayouts_ReadsTheInstantInUtc(string text, int year, int month, int day, int hour, int minute, int second, int millisecond)
    {
        Assert.True(Timestamps.TryParse(text, out var value));

        Assert.Equal(new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Unspecified), value);
        Assert.Equal(DateTimeKind.Unspecified, value.Kind);
    }

    [Theory]
    [InlineData("01/02/2024")]
    [InlineData("yesterday")]
    [InlineData("-5")]
    public void TryParse_Other_Fails(string text)
    {
        Assert.False(Timestamps.TryParse(text, out _));
    }

    [Fact]
    public void Parse_Other_ThrowsNamingTheFileLineAndLayouts()
    {
        var e = Assert.Throws<DataFileException>(() => Timestamps.Parse("soon", "rec.csv", 7));

        Assert.Equal("rec.csv, line 7: expected a timestamp like 2014-04-01 00:00:00, 2014-04-01T00:00:00Z or Unix seconds, found 'soon'", e.Message);
    }
}
