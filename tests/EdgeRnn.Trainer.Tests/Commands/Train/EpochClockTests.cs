using EdgeRnn.Training.Runs;
using EdgeRnn.Training.Training.Loop;

namespace EdgeRnn.Trainer.Tests.Commands.Train;

public sealed class EpochClockTests
{
    [Fact]
    public void Observe_FinishedEpochs_EtaIsTheMeanEpochTimeTimesTheEpochsLeft()
    {
        var clock = new EpochClock();

        var first = clock.Observe(Finished(epoch: 1, epochs: 5, seconds: 2));
        var second = clock.Observe(Finished(epoch: 2, epochs: 5, seconds: 4));
        var last = clock.Observe(Finished(epoch: 5, epochs: 5, seconds: 3));

        Assert.Equal(TimeSpan.FromSeconds(8), first);
        Assert.Equal(TimeSpan.FromSeconds(9), second);
        Assert.Equal(TimeSpan.Zero, last);
    }

    [Fact]
    public void Observe_FirstBatchReportBeforeAnyTime_HasNoEstimate()
    {
        var clock = new EpochClock();

        Assert.Null(clock.Observe(new TrainingProgress(1, 3, 0, 10, 0.5, 0, null)));
    }

    private static TrainingProgress Finished(int epoch, int epochs, double seconds) =>
        new(epoch, epochs, 0, 0, 0.1, 100, new EpochRecord(epoch, 0.1, 0.2, 1e-3, 100, seconds));
}
