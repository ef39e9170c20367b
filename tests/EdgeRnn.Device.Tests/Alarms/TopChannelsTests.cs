using EdgeRnn.Device.Alarms;

namespace EdgeRnn.Device.Tests.Alarms;

public class TopChannelsTests
{
    private static readonly string[] Names = ["a", "b", "c", "d", "e"];
    private static readonly int[] Channels = [10, 11, 12, 13, 14];

    [Fact]
    public void From_FiveContributions_KeepsTheLargestThreeInOrder()
    {
        var top = TopChannels.From([0.5f, 9f, 0.1f, 3f, 7f], Names, Channels);
        Assert.Equal(3, top.Count);
        Assert.Equal(new ChannelContribution(11, "b", 9f), top[0]);
        Assert.Equal(new ChannelContribution(14, "e", 7f), top[1]);
        Assert.Equal(new ChannelContribution(13, "d", 3f), top[2]);
    }

    [Fact]
    public void From_NonFiniteAndFewChannels_SkipsThem()
    {
        var top = TopChannels.From([float.NaN, 2f, float.PositiveInfinity], Names.AsSpan(0, 3), Channels.AsSpan(0, 3));
        Assert.Equal(1, top.Count);
        Assert.Equal("b", top[0].Name);
        Assert.Throws<ArgumentOutOfRangeException>(() => top[1]);
    }

    [Fact]
    public void From_Ties_KeepLowerIndexFirst()
    {
        var top = TopChannels.From([1f, 1f, 1f, 1f], Names.AsSpan(0, 4), Channels.AsSpan(0, 4));
        Assert.Equal(["a", "b", "c"], new[] { top[0].Name, top[1].Name, top[2].Name });
    }

    [Fact]
    public void From_Empty_HoldsNothing() => Assert.Equal(0, TopChannels.From([], [], []).Count);

    [Fact]
    public void From_Repeatedly_AllocatesNothing()
    {
        float[] contributions = [0.5f, 9f, 0.1f, 3f, 7f];
        TopChannels.From(contributions, Names, Channels);
        float sum = 0;
        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                contributions[i % 5] = i;
                sum += TopChannels.From(contributions, Names, Channels)[0].Contribution;
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
    }
}
