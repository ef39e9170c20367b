using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Runtime.Tests.Streaming;

public class AlarmPolicyTests
{
    private static AlarmPolicy Policy(int raise = 3, int clear = 3) =>
        new(new AlarmPolicyOptions { MinRaiseSamples = raise, MinClearSamples = clear }, modelThreshold: 0.9f);

    private static List<AlarmTransition> Feed(AlarmPolicy policy, params float[] scores) =>
        scores.Select(s => policy.Update(s, isWarm: true)).ToList();

    [Fact]
    public void Constructor_NoThresholds_UsesModelThresholdAndDefaultHysteresis()
    {
        var policy = Policy();
        Assert.Equal(0.9f, policy.RaiseThreshold);
        Assert.Equal(0.9f - AlarmPolicyOptions.DefaultHysteresis, policy.ClearThreshold, 6);
    }

    [Fact]
    public void Update_AboveForFewerThanMinSamples_DoesNotRaise()
    {
        var policy = Policy();
        var transitions = Feed(policy, 0.95f, 0.95f, 0.5f, 0.95f, 0.95f, 0.5f);
        Assert.All(transitions, t => Assert.Equal(AlarmTransition.None, t));
        Assert.False(policy.IsActive);
    }

    [Fact]
    public void Update_AboveForMinSamples_RaisesOnceOnTheThirdSample()
    {
        var policy = Policy();
        var transitions = Feed(policy, 0.95f, 0.9f, 0.99f, 0.99f, 1f);
        Assert.Equal([AlarmTransition.None, AlarmTransition.None, AlarmTransition.Raised, AlarmTransition.None, AlarmTransition.None], transitions);
        Assert.True(policy.IsActive);
    }

    [Fact]
    public void Update_ScoresBetweenClearAndRaise_KeepTheAlarmActive()
    {
        var policy = Policy();
        Feed(policy, 1f, 1f, 1f);
        var transitions = Feed(policy, Enumerable.Repeat(0.86f, 50).ToArray());
        Assert.All(transitions, t => Assert.Equal(AlarmTransition.None, t));
        Assert.True(policy.IsActive);
    }

    [Fact]
    public void Update_BelowClearForMinSamples_Clears()
    {
        var policy = Policy(raise: 1, clear: 3);
        Feed(policy, 1f);
        var transitions = Feed(policy, 0.1f, 0.1f, 0.86f, 0.1f, 0.1f, 0.1f);
        Assert.Equal([AlarmTransition.None, AlarmTransition.None, AlarmTransition.None, AlarmTransition.None, AlarmTransition.None, AlarmTransition.Cleared], transitions);
        Assert.False(policy.IsActive);
    }

    [Fact]
    public void Update_ColdScoresAtOne_NeverRaise()
    {
        var policy = Policy(raise: 1);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(AlarmTransition.None, policy.Update(1f, isWarm: false));
        }

        Assert.False(policy.IsActive);
    }

    [Fact]
    public void Update_NaNInsideARun_RestartsTheCount()
    {
        var policy = Policy();
        var transitions = Feed(policy, 1f, 1f, float.NaN, 1f, 1f);
        Assert.All(transitions, t => Assert.Equal(AlarmTransition.None, t));
        Assert.Equal(AlarmTransition.Raised, policy.Update(1f, isWarm: true));
    }

    [Fact]
    public void Update_ExplicitThresholds_Used()
    {
        var policy = new AlarmPolicy(new AlarmPolicyOptions { RaiseThreshold = 0.5f, ClearThreshold = 0.2f, MinRaiseSamples = 1, MinClearSamples = 1 }, 0.99f);
        Assert.Equal(AlarmTransition.Raised, policy.Update(0.5f, true));
        Assert.Equal(AlarmTransition.None, policy.Update(0.2f, true));
        Assert.Equal(AlarmTransition.Cleared, policy.Update(0.19f, true));
    }

    [Theory]
    [InlineData(0.5f, 0.6f, 3, 3)]
    [InlineData(1.5f, null, 3, 3)]
    [InlineData(0.5f, -0.1f, 3, 3)]
    [InlineData(0.5f, 0.4f, 0, 3)]
    [InlineData(0.5f, 0.4f, 3, 0)]
    public void Constructor_InvalidOptions_ThrowsWithWhatWasFound(float raise, float? clear, int minRaise, int minClear)
    {
        var options = new AlarmPolicyOptions { RaiseThreshold = raise, ClearThreshold = clear, MinRaiseSamples = minRaise, MinClearSamples = minClear };
        var e = Assert.Throws<ArgumentException>(() => new AlarmPolicy(options, 0.9f));
        Assert.Contains("found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_ManySamples_AllocatesNothing()
    {
        var policy = Policy();
        policy.Update(0.5f, true);
        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                policy.Update(i % 17 < 8 ? 1f : 0f, i % 5 != 0);
            }
        });

        Assert.Equal(0, allocated);
    }
}
