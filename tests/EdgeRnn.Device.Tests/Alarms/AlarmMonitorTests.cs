using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Tests.Persistence;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Device.Tests.Alarms;

public class AlarmMonitorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

    private static AlarmMonitor Monitor(IAlarmSink[] sinks, int minRaise = 3, int maxInvalid = 4, TextWriter? log = null) => new(
        new AlarmPolicy(new AlarmPolicyOptions { MinRaiseSamples = minRaise, MinClearSamples = 2 }, 0.9f),
        new SensorFaultMonitor(3, maxInvalid),
        ["vibration", "temperature", "current"],
        [0, 1, 2],
        sinks,
        log ?? TextWriter.Null);

    private static float[] Sample(int t) => [MathF.Sin(t * 0.1f), MathF.Cos(t * 0.07f), 0.1f * MathF.Sin(t * 0.3f)];

    [Fact]
    public void Observe_HighScores_RaiseWithTopChannelsNamedThenClear()
    {
        var sink = new RecordingSink();
        using var monitor = Monitor([sink]);
        float[] contributions = [0.5f, 12f, 3f];
        for (int t = 0; t < 3; t++)
        {
            monitor.Observe(t, Start.AddSeconds(t), [1f, 2f, 3f], new AnomalyScore(1f, 0.97f, true, true), contributions);
        }

        for (int t = 3; t < 5; t++)
        {
            monitor.Observe(t, Start.AddSeconds(t), [1f, 2f, 3f], new AnomalyScore(0.1f, 0.2f, false, true), contributions);
        }

        Assert.Equal([AlarmKind.Raised, AlarmKind.Cleared], sink.Events.Select(e => e.Kind));
        var raised = sink.Events[0];
        Assert.Equal(2, raised.SampleIndex);
        Assert.Equal(Start.AddSeconds(2), raised.Time);
        Assert.Equal(0.97f, raised.Score);
        Assert.Equal(new ChannelContribution(1, "temperature", 12f), raised.Channels[0]);
        Assert.Equal(new ChannelContribution(2, "current", 3f), raised.Channels[1]);
        Assert.Equal(new ChannelContribution(0, "vibration", 0.5f), raised.Channels[2]);
        Assert.Equal(4, sink.Events[1].SampleIndex);
        Assert.Equal(1, monitor.RaisedCount);
        Assert.False(monitor.IsActive);
    }

    [Fact]
    public void Observe_ChannelNaNForLong_SensorFaultThenRecovered()
    {
        var sink = new RecordingSink();
        using var monitor = Monitor([sink], maxInvalid: 4);
        var score = new AnomalyScore(0.1f, 0.3f, false, true);
        for (int t = 0; t < 20; t++)
        {
            monitor.Observe(t, Start, [1f, t < 15 ? float.NaN : 2f, 3f], score, [0f, 0f, 0f]);
        }

        Assert.Equal([AlarmKind.SensorFault, AlarmKind.SensorRecovered], sink.Events.Select(e => e.Kind));
        Assert.Equal(4, sink.Events[0].SampleIndex);
        Assert.Equal(new ChannelContribution(1, "temperature", 0f), sink.Events[0].Channels[0]);
        Assert.Equal(15, sink.Events[1].SampleIndex);
        Assert.Equal(1, monitor.SensorFaultCount);
        Assert.Equal(0, monitor.FaultedChannels);
    }

    [Fact]
    public void Observe_FailingSink_LoggedAndOtherSinksStillServed()
    {
        var good = new RecordingSink();
        var log = new StringWriter();
        var monitor = Monitor([new RecordingSink(fail: true), good], minRaise: 1, log: log);
        monitor.Observe(0, Start, [1f, 2f, 3f], new AnomalyScore(1f, 1f, true, true), [1f, 1f, 1f]);
        Assert.Single(good.Events);
        Assert.Equal(1, monitor.SinkFailures);
        Assert.Contains("sink is broken", log.ToString(), StringComparison.Ordinal);
        monitor.Dispose();
        Assert.True(good.Disposed);
    }

    [Fact]
    public void ForDetector_RealDetectorSpike_RaisesNamingTheSpikedChannel()
    {
        var model = SmallModels.Forecaster(names: ["flow", "pressure", "temp"]);
        var detector = new AnomalyDetector(model);
        var sink = new RecordingSink();
        using var monitor = AlarmMonitor.ForDetector(
            detector,
            new AlarmPolicy(new AlarmPolicyOptions(), model.Definition.Scoring.Threshold),
            new SensorFaultMonitor(detector.SampleSize),
            [sink],
            TextWriter.Null);
        for (int t = 0; t < 400; t++)
        {
            var sample = Sample(t);
            if (t is >= 380 and < 383)
            {
                sample[1] += 25f;
            }

            var score = detector.Process(sample);
            monitor.Observe(t, Start.AddMilliseconds(10 * t), sample, score, detector.Contributions);
        }

        var raised = Assert.Single(sink.Events, e => e.Kind == AlarmKind.Raised && e.SampleIndex >= 380);
        Assert.Equal(382, raised.SampleIndex);
        Assert.Equal("pressure", raised.Channels[0].Name);
        Assert.Equal(1, raised.Channels[0].Channel);
    }

    [Fact]
    public void Observe_NoTransitions_AllocatesNothing()
    {
        var sink = new RecordingSink();
        using var monitor = Monitor([sink]);
        var sample = Sample(0);
        float[] contributions = [0.5f, 1f, 0.2f];
        var score = new AnomalyScore(0.2f, 0.4f, false, true);
        monitor.Observe(0, Start, sample, score, contributions);
        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int t = 1; t < 10_000; t++)
            {
                sample[t % 3] = t % 5 == 0 ? float.NaN : t;
                monitor.Observe(t, Start, sample, score, contributions);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Empty(sink.Events);
    }
}
