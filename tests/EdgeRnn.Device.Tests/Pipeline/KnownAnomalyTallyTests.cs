using EdgeRnn.Device.Pipeline;

namespace EdgeRnn.Device.Tests.Pipeline;

public class KnownAnomalyTallyTests
{
    [Fact]
    public void Observe_AlarmDuringALabelledRun_CaughtOnce()
    {
        var tally = new KnownAnomalyTally(grace: 5);
        Feed(tally, labels: "0011110000", active: "0001111000", raised: "0001000000");

        Assert.True(tally.HasLabels);
        Assert.Equal(1, tally.Labelled);
        Assert.Equal(1, tally.Caught);
        Assert.Equal(0, tally.FalseAlarms);
    }

    [Fact]
    public void Observe_AlarmWithinTheGraceAfterTheRun_Caught()
    {
        var tally = new KnownAnomalyTally(grace: 3);
        Feed(tally, labels: "0110000000", active: "0000110000", raised: "0000100000");

        Assert.Equal(1, tally.Caught);
        Assert.Equal(0, tally.FalseAlarms);
    }

    [Fact]
    public void Observe_AlarmAfterTheGrace_MissedAndFalseAlarm()
    {
        var tally = new KnownAnomalyTally(grace: 2);
        Feed(tally, labels: "0110000000", active: "0000001100", raised: "0000001000");

        Assert.Equal(1, tally.Labelled);
        Assert.Equal(0, tally.Caught);
        Assert.Equal(1, tally.FalseAlarms);
    }

    [Fact]
    public void Observe_TwoRunsOneCaught_CountsEachRun()
    {
        var tally = new KnownAnomalyTally(grace: 0);
        Feed(tally, labels: "1100011000", active: "0000010000", raised: "0000010000");

        Assert.Equal(2, tally.Labelled);
        Assert.Equal(1, tally.Caught);
        Assert.Equal(0, tally.FalseAlarms);
    }

    [Fact]
    public void Observe_UnlabelledSamples_NoLabelsAndNoCounts()
    {
        var tally = new KnownAnomalyTally(grace: 0);
        tally.Observe(0, float.NaN, alarmActive: true, anomalyRaised: true);

        Assert.False(tally.HasLabels);
        Assert.Equal(0, tally.FalseAlarms);
    }

    private static void Feed(KnownAnomalyTally tally, string labels, string active, string raised)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            tally.Observe(i, labels[i] == '1' ? 1f : 0f, active[i] == '1', raised[i] == '1');
        }
    }
}
