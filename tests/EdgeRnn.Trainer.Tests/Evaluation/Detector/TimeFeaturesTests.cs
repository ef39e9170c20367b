using EdgeRnn.Training.Evaluation.Detector;

namespace EdgeRnn.Trainer.Tests.Evaluation.Detector;

public sealed class TimeFeaturesTests
{
    [Fact]
    public void Append_MidnightAndSixOClock_GivesDailyPhase()
    {
        float[] data = [1, 2, 3, 4];
        DateTime[] times = [new(2014, 2, 14, 0, 0, 0, DateTimeKind.Unspecified), new(2014, 2, 14, 6, 0, 0, DateTimeKind.Unspecified)];

        var rows = TimeFeatures.Append(data, 2, times);

        Assert.Equal(8, rows.Length);
        Assert.Equal([1f, 2f, 0f, 1f], rows[..4]);
        Assert.Equal(3f, rows[4]);
        Assert.Equal(4f, rows[5]);
        Assert.Equal(1f, rows[6], 6);
        Assert.Equal(0f, rows[7], 6);
    }

    [Fact]
    public void Append_TimestampCountDiffers_ThrowsNamingBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => TimeFeatures.Append(new float[4], 2, [DateTime.UnixEpoch]));

        Assert.Contains("Expected one timestamp per row (2), found 1", e.Message, StringComparison.Ordinal);
    }
}
