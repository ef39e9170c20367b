using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Loop;

namespace EdgeRnn.Trainer.Tests.Training;

public sealed class WindowSetTests
{
    [Fact]
    public void Constructor_NaNInput_ThrowsNamingWindowStepAndChannel()
    {
        var inputs = new float[2 * 3 * 4];
        inputs[(1 * 12) + (2 * 4) + 3] = float.NaN;
        var error = Assert.Throws<ArgumentException>(() => new WindowSet(2, 3, 4, inputs, 1, targets: new float[6]));
        Assert.Contains("window 1, step 2, channel 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WrongTargetLength_ThrowsWithExpectedAndFound()
    {
        var error = Assert.Throws<ArgumentException>(() => new WindowSet(2, 3, 1, new float[6], 2, targets: new float[5]));
        Assert.Contains("Expected 12 target values", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lanes_TwoStreams_ResetsWhereAStreamStarts()
    {
        var windows = new WindowSet(6, 2, 1, new float[12], 1, targets: new float[12], streams: [0, 0, 0, 1, 1, 1]);
        var plan = BatchPlan.Lanes(windows, batchSize: 2);

        Assert.Equal(3, plan.Batches);
        Assert.Equal([0, 3], plan.Windows(0).ToArray());
        Assert.Equal([1, 4], plan.Windows(1).ToArray());
        Assert.True(plan.ResetRow(0, 0) && plan.ResetRow(0, 1));
        Assert.False(plan.ResetRow(1, 0) || plan.ResetRow(1, 1));
    }

    [Fact]
    public void Shuffled_SameSeed_SameOrderEveryWindowOnce()
    {
        var first = BatchPlan.Shuffled(50, 8, new DeterministicRandom(3));
        var second = BatchPlan.Shuffled(50, 8, new DeterministicRandom(3));
        var all = Enumerable.Range(0, first.Batches).SelectMany(b => first.Windows(b).ToArray()).ToArray();
        Assert.Equal(7, first.Batches);
        Assert.Equal(Enumerable.Range(0, 50), all.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), all);
        Assert.Equal(all, Enumerable.Range(0, second.Batches).SelectMany(b => second.Windows(b).ToArray()));
    }
}
