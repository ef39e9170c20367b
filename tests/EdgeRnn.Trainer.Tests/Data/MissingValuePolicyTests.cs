using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

public class MissingValuePolicyTests
{
    private const float N = float.NaN;

    [Fact]
    public void Apply_ShortRun_CarriesLastValue()
    {
        float[] raw = [1, 10, N, 11, N, 12, 4, N];
        var result = MissingValuePolicy.Apply(raw, 2, new bool[4], maxCarried: 2);
        Assert.Equal([1f, 10, 1, 11, 1, 12, 4, 12], result.Values);
        Assert.Equal(3, result.CarriedCells);
        Assert.Equal(0, result.DroppedRows);
        Assert.Equal(0, result.Gaps);
        Assert.Equal([0], result.SegmentStarts);
    }

    [Fact]
    public void Apply_LongRun_DropsRowsAndBreaks()
    {
        // Channel 0 misses rows 2..5 (4 > 3): dropped, one gap; channel 1 is complete.
        float[] raw = [0, 0, 1, 1, N, 2, N, 3, N, 4, N, 5, 6, 6, 7, 7];
        var result = MissingValuePolicy.Apply(raw, 2, new bool[8], maxCarried: 3);
        Assert.Equal([0, 1, 6, 7], result.SourceRows);
        Assert.Equal([0, 2], result.SegmentStarts);
        Assert.Equal(4, result.DroppedRows);
        Assert.Equal(1, result.Gaps);
        Assert.Equal(0, result.CarriedCells);
    }

    [Fact]
    public void Apply_RunOfExactlyMax_IsCarried()
    {
        float[] raw = [1, N, N, N, 5];
        var result = MissingValuePolicy.Apply(raw, 1, new bool[5], maxCarried: 3);
        Assert.Equal([1f, 1, 1, 1, 5], result.Values);
        Assert.Equal(3, result.CarriedCells);
        Assert.Equal(0, result.Gaps);
    }

    [Fact]
    public void Apply_LeadingAndTrailingMissing_DroppedWithoutGap()
    {
        // Channel 1 starts at row 2; the file ends with a long hole in channel 0.
        float[] raw = [1, N, 2, N, 3, 30, 4, 40, N, 50, N, 60];
        var result = MissingValuePolicy.Apply(raw, 2, new bool[6], maxCarried: 1);
        Assert.Equal([2, 3], result.SourceRows);
        Assert.Equal([0], result.SegmentStarts);
        Assert.Equal(4, result.DroppedRows);
        Assert.Equal(0, result.Gaps);
    }

    [Fact]
    public void Apply_InvalidRow_BreaksAndNeverCarriesAcrossIt()
    {
        // Row 2 is invalid (say, an empty label); row 3 misses a value and has nothing to carry in its new segment.
        float[] raw = [1, 2, 3, N, 5, 6];
        bool[] invalid = [false, false, true, false, false, false];
        var result = MissingValuePolicy.Apply(raw, 1, invalid, maxCarried: 3);
        Assert.Equal([0, 1, 4, 5], result.SourceRows);
        Assert.Equal([0, 2], result.SegmentStarts);
        Assert.Equal(2, result.DroppedRows);
        Assert.Equal(1, result.Gaps);
        Assert.Equal(0, result.CarriedCells);
    }

    [Fact]
    public void Apply_NothingValid_ReturnsNoRows()
    {
        var result = MissingValuePolicy.Apply([N, N], 1, new bool[2], maxCarried: 3);
        Assert.Empty(result.SourceRows);
        Assert.Empty(result.SegmentStarts);
        Assert.Equal(2, result.DroppedRows);
    }
}
