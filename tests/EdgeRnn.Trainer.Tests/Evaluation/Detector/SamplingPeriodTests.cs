using EdgeRnn.Training.Evaluation.Detector;

namespace EdgeRnn.Trainer.Tests.Evaluation.Detector;

public sealed class SamplingPeriodTests
{
    private static readonly DateTime Start = new(2014, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Measure_RegularRows_IsTheirStep()
    {
        var t = Enumerable.Range(0, 50).Select(i => Start.AddMinutes(30 * i)).ToList();

        Assert.Equal(TimeSpan.FromMinutes(30), SamplingPeriod.Measure(t, 50));
    }

    [Fact]
    public void Measure_ClockSteppedBackRepeatsAndGaps_IsTheTypicalStep()
    {
        var t = new List<DateTime>();
        for (int i = 0; i < 40; i++)
        {
            t.Add(Start.AddMinutes(5 * i));
        }

        t.Add(t[^1]);                       // a repeated timestamp
        t.Add(t[^1].AddHours(-1));          // the clock steps back an hour
        t.Add(t[^1].AddMinutes(5));
        t.Add(t[^1].AddDays(2));            // a gap
        t.Add(t[^1].AddMinutes(5));

        Assert.Equal(TimeSpan.FromMinutes(5), SamplingPeriod.Measure(t, t.Count));
    }

    [Fact]
    public void Measure_OnlyLeadingRows_AreLookedAt()
    {
        var t = Enumerable.Range(0, 10).Select(i => Start.AddMinutes(i)).Concat(Enumerable.Range(1, 100).Select(i => Start.AddMinutes(9 + (60 * i)))).ToList();

        Assert.Equal(TimeSpan.FromMinutes(1), SamplingPeriod.Measure(t, 10));
    }

    [Fact]
    public void Measure_NoForwardStep_IsNull()
    {
        Assert.Null(SamplingPeriod.Measure([Start, Start, Start], 3));
        Assert.Null(SamplingPeriod.Measure([], 0));
    }
}
