using EdgeRnn.Device.Alarms.Mqtt;

namespace EdgeRnn.Device.Tests.Alarms.Mqtt;

public class ReconnectBackoffTests
{
    [Fact]
    public void Next_NoJitter_DoublesUpToTheCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), new FixedRandom(0));

        double[] waits = [.. Enumerable.Range(0, 9).Select(_ => backoff.Next().TotalSeconds)];

        Assert.Equal([0.5, 1, 2, 4, 8, 16, 30, 30, 30], waits);
        Assert.Equal(9, backoff.Failures);
    }

    [Fact]
    public void Next_FullJitter_AFifthShorter()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), new FixedRandom(1));

        Assert.Equal(0.8, backoff.Next().TotalSeconds, 9);
        Assert.Equal(1.6, backoff.Next().TotalSeconds, 9);
    }

    [Fact]
    public void Next_RandomJitter_WithinAFifthOfTheStep()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), new Random(5));

        Assert.All(Enumerable.Range(0, 100).Select(_ => backoff.Next().TotalSeconds), wait => Assert.InRange(wait, 0.8, 1.0));
    }

    [Fact]
    public void Reset_AfterFailures_BackToTheFirstWait()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), new FixedRandom(0));
        backoff.Next();
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromMilliseconds(500), backoff.Next());
        Assert.Equal(1, backoff.Failures);
    }

    [Fact]
    public void Constructor_CapBelowTheFirstWait_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
