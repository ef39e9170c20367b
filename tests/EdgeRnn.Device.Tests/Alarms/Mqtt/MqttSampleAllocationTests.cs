using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Alarms.Mqtt;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Samples;
using EdgeRnn.Device.Tests.Persistence;
using EdgeRnn.Device.Tests.Pipeline;
using EdgeRnn.Device.Tests.Sources;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Device.Tests.Alarms.Mqtt;

/// <summary>
/// With an MQTT output attached, a sample on the sample loop's thread (channel map, detector, alarm monitor with the score
/// handed to the MQTT output, metrics) still allocates nothing once warm, while the output's background task publishes the
/// score every 100 ms. Counted on the sample loop's thread only (<see cref="ThreadAllocations"/>): the background task's own
/// allocations, once per message, are its business.
/// </summary>
public sealed class MqttSampleAllocationTests
{
    private const int Warm = 5_000;
    private const int Measured = 10_000;

    [Fact]
    public async Task Process_WithAnMqttOutputOnceWarm_AllocatesNothingPerSampleOnTheSampleThread()
    {
        FakeMqttConnection? broker = null;
        var spec = MqttAlarmSpec.ParseBody("mqtt://127.0.0.1/t/pump?score-interval=100ms", "pump");
        using var mqtt = new MqttAlarmSink(spec, TextWriter.Null, (_, dropped) => broker = new FakeMqttConnection(dropped));
        var model = SmallModels.Forecaster(names: ["a", "b", "c"]);
        var detector = new AnomalyDetector(model);
        var metrics = new DeviceMetrics();
        using var monitor = AlarmMonitor.ForDetector(detector, new AlarmPolicy(new AlarmPolicyOptions(), model.Definition.Scoring.Threshold), new SensorFaultMonitor(detector.SampleSize, 10), [mqtt, new MetricsAlarmSink(metrics)], TextWriter.Null);
        var pipeline = new SamplePipeline(new ListSource(["a", "b", "c"], []), detector, monitor, metrics, saver: null, new KnownAnomalyTally(10));
        var sample = new SampleBuffer(3);
        int i = 0;
        void Next()
        {
            Span<float> values = sample.Begin(3);
            values[0] = MathF.Sin(i * 0.05f);
            values[1] = i % 10 * 0.1f;
            values[2] = (i % 2) - 0.5f;
            sample.End();
            sample.TimestampMicroseconds = 1_767_225_600_000_000L + (i * 10_000L);
            sample.HasTimestamp = true;
            i++;
            pipeline.Process(sample);
        }

        for (int k = 0; k < Warm; k++)
        {
            Next();
        }

        await Eventually.True(() => broker!.Published.Any(p => p.Topic == "t/pump/score"), "a score published");
        long allocated = ThreadAllocations.LeastOf(() =>
        {
            // Spread over more than one score interval, so the background task publishes while the samples flow.
            for (int k = 0; k < Measured; k++)
            {
                Next();
                if (k % 1000 == 0)
                {
                    Thread.Sleep(15);
                }
            }
        });

        Assert.Equal(Warm + (ThreadAllocations.Windows * Measured), pipeline.Processed);
        Assert.True(broker!.Published.Count(p => p.Topic == "t/pump/score") > 1, "scores published during the windows");
        Assert.True(allocated == 0, $"Expected no allocation on the sample thread; found {allocated} bytes for {Measured} samples.");
    }
}
