using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Runtime.Tests.Scoring;

public class StreamClockTests
{
    private static readonly DateTime Start = new(2014, 4, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>5-minute rows from 00:00 to 02:55, then the clock steps back one hour: 02:00 to 02:55 again, then on.</summary>
    private static List<DateTime> StepBackOneHour()
    {
        var times = Enumerable.Range(0, 36).Select(i => Start.AddMinutes(5 * i)).ToList();
        times.AddRange(Enumerable.Range(0, 24).Select(i => Start.AddHours(2).AddMinutes(5 * i)));
        return times;
    }

    [Fact]
    public void Observe_ClockStepsBackOneHour_CountsOneStepBackAndElapsedNeverDecreases()
    {
        var clock = new StreamClock();
        var elapsed = new List<TimeSpan>();
        var steps = new List<ClockStep>();
        foreach (var t in StepBackOneHour())
        {
            steps.Add(clock.Observe(t));
            elapsed.Add(clock.Elapsed);
        }

        Assert.Equal(1, clock.StepsBack);
        Assert.Equal(TimeSpan.FromMinutes(55), clock.LargestStepBack);
        Assert.Equal(0, clock.Repeats);
        Assert.Equal(0, clock.Gaps);
        Assert.Equal(ClockStep.Back, steps[36]);
        Assert.Equal(ClockStep.First, steps[0]);
        Assert.All(elapsed.Zip(elapsed.Skip(1)), p => Assert.True(p.Second >= p.First));
        Assert.Equal(TimeSpan.FromMinutes(5 * 58), clock.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(5), clock.TypicalPeriod);
        Assert.Equal("clock stepped back 1 time (by 55 min)", clock.Describe());
    }

    [Fact]
    public void Observe_RepeatedTimestampsAndAGap_CountedAndDescribed()
    {
        var clock = new StreamClock();
        var times = Enumerable.Range(0, 20).Select(i => Start.AddMinutes(5 * i)).ToList();
        times.Insert(10, times[9]);
        times.Insert(15, times[14]);
        times.AddRange(Enumerable.Range(0, 10).Select(i => Start.AddDays(3).AddMinutes(5 * i)));

        var steps = times.Select(clock.Observe).ToList();

        Assert.Equal(2, clock.Repeats);
        Assert.Equal(1, clock.Gaps);
        Assert.Equal(0, clock.StepsBack);
        Assert.Equal(ClockStep.Gap, steps[22]);
        Assert.Equal(Start.AddDays(3) - times[21], clock.LargestGap);
        Assert.Equal("clock: 2 repeated timestamps, 1 gap (longest 2.9 d; typical period 5 min)", clock.Describe());
    }

    [Fact]
    public void Observe_RegularStream_NoQuirksAndTypicalPeriodIsTheStep()
    {
        var clock = new StreamClock();
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(i == 0 ? ClockStep.First : ClockStep.Forward, clock.ObserveUnixMicroseconds(1_700_000_000_000_000 + (i * 100_000L)));
        }

        Assert.False(clock.HasQuirks);
        Assert.Equal(TimeSpan.FromMilliseconds(100), clock.TypicalPeriod);
        Assert.Equal(TimeSpan.FromSeconds(1), clock.GapThreshold);
        Assert.Equal(TimeSpan.FromMilliseconds(100), clock.LastAdvance);
        Assert.Equal("clock regular", clock.Describe());
    }

    [Fact]
    public void TypicalPeriod_RateChanges_FollowsTheLast31Steps()
    {
        var clock = new StreamClock();
        long t = 0;
        for (int i = 0; i < 50; i++)
        {
            clock.Observe(t += TimeSpan.TicksPerSecond);
        }

        for (int i = 0; i < 40; i++)
        {
            clock.Observe(t += 5 * TimeSpan.TicksPerSecond);
        }

        Assert.Equal(TimeSpan.FromSeconds(5), clock.TypicalPeriod);
        Assert.Equal(0, clock.Gaps);
    }

    [Fact]
    public void Observe_OnceWarm_AllocatesNothing()
    {
        var clock = new StreamClock();
        var times = StepBackOneHour().Select(t => t.Ticks).ToArray();
        foreach (long t in times)
        {
            clock.Observe(t);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int lap = 0; lap < 10; lap++)
        {
            foreach (long t in times)
            {
                clock.Observe(t + (lap * TimeSpan.TicksPerDay));
            }
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Theory]
    [InlineData(0.25, "250 ms")]
    [InlineData(30, "30 s")]
    [InlineData(3300, "55 min")]
    [InlineData(5400, "1.5 h")]
    [InlineData(259200, "3 d")]
    public void FormatDuration_Seconds_LargestUnitAtLeastOne(double seconds, string expected) =>
        Assert.Equal(expected, StreamClock.FormatDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Constructor_GapFactorNotAboveOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamClock(1));
}
