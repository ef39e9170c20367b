using System.Globalization;
using EdgeRnn.Device.Metrics;

namespace EdgeRnn.Device.Tests.Metrics;

public class DeviceMetricsTests
{
    private static readonly string[] Families =
    [
        "edgernn_samples_total", "edgernn_sample_rate", "edgernn_step_latency_seconds", "edgernn_anomaly_score",
        "edgernn_alarms_raised_total", "edgernn_alarm_active", "edgernn_bad_frames_total", "edgernn_dropped_samples_total",
        "edgernn_state_saves_total", "edgernn_source_reconnects_total", "edgernn_sensor_faults_total", "edgernn_timestamp_quirks_total",
        "edgernn_change_points_total", "edgernn_score_rows_dropped_total",
    ];

    [Fact]
    public void Render_Fresh_EveryFamilyWithValidLines()
    {
        string text = new DeviceMetrics(new ManualTime()).Render();
        var samples = Exposition.Parse(text);
        foreach (string family in Families)
        {
            Assert.Contains($"# TYPE {family} ", text, StringComparison.Ordinal);
        }

        Assert.Equal(0, Exposition.Value(samples, "edgernn_samples_total"));
        Assert.Equal(0, Exposition.Value(samples, "edgernn_step_latency_seconds_count"));
    }

    [Fact]
    public void Render_AfterUpdates_ShowsEachValue()
    {
        var metrics = new DeviceMetrics(new ManualTime(), ["malformed"]);
        metrics.RecordSample(TimeSpan.FromMicroseconds(3), 0.25f);
        metrics.RecordSample(TimeSpan.FromMicroseconds(40), 0.875f);
        metrics.AlarmRaised();
        metrics.BadFrame("channel_count");
        metrics.BadFrame("channel_count");
        metrics.BadFrame("we\"ird\\reason\n");
        metrics.SamplesDropped(5);
        metrics.StateSaved();
        metrics.SourceReconnected();
        metrics.SourceReconnected();
        metrics.SensorFault();
        metrics.ClockStepped(EdgeRnn.Runtime.Scoring.ClockStep.Back);
        metrics.ClockStepped(EdgeRnn.Runtime.Scoring.ClockStep.Repeat);
        metrics.ClockStepped(EdgeRnn.Runtime.Scoring.ClockStep.Repeat);
        metrics.ClockStepped(EdgeRnn.Runtime.Scoring.ClockStep.Forward);
        var samples = Exposition.Parse(metrics.Render());
        Assert.Equal(2, Exposition.Value(samples, "edgernn_samples_total"));
        Assert.Equal(0.875, Exposition.Value(samples, "edgernn_anomaly_score"));
        Assert.Equal(1, Exposition.Value(samples, "edgernn_alarms_raised_total"));
        Assert.Equal(1, Exposition.Value(samples, "edgernn_alarm_active"));
        Assert.Equal(0, Exposition.Value(samples, "edgernn_bad_frames_total", "reason=\"malformed\""));
        Assert.Equal(2, Exposition.Value(samples, "edgernn_bad_frames_total", "reason=\"channel_count\""));
        Assert.Equal(1, Exposition.Value(samples, "edgernn_bad_frames_total", "reason=\"we\\\"ird\\\\reason\\n\""));
        Assert.Equal(5, Exposition.Value(samples, "edgernn_dropped_samples_total"));
        Assert.Equal(1, Exposition.Value(samples, "edgernn_state_saves_total"));
        Assert.Equal(2, Exposition.Value(samples, "edgernn_source_reconnects_total"));
        Assert.Equal(1, Exposition.Value(samples, "edgernn_sensor_faults_total"));
        Assert.Equal(1, Exposition.Value(samples, "edgernn_timestamp_quirks_total", "kind=\"step_back\""));
        Assert.Equal(2, Exposition.Value(samples, "edgernn_timestamp_quirks_total", "kind=\"repeat\""));
        Assert.Equal(0, Exposition.Value(samples, "edgernn_timestamp_quirks_total", "kind=\"gap\""));
        Assert.Equal(43e-6, Exposition.Value(samples, "edgernn_step_latency_seconds_sum"), 12);
        metrics.AlarmCleared();
        Assert.Equal(0, Exposition.Value(Exposition.Parse(metrics.Render()), "edgernn_alarm_active"));
    }

    [Fact]
    public void Render_Histogram_BucketsCumulativeAscendingAndEndInCount()
    {
        var metrics = new DeviceMetrics(new ManualTime());
        double[] micros = [0.5, 1, 1.2, 7, 7, 99, 100, 101, 2_000, 10_000, 10_001, 1e6];
        foreach (double us in micros)
        {
            metrics.RecordSample(TimeSpan.FromMicroseconds(us), 0f);
        }

        var buckets = Exposition.Parse(metrics.Render()).Where(s => s.Name == "edgernn_step_latency_seconds_bucket").ToArray();
        Assert.Equal(LatencyHistogram.UpperBoundTicks.Length + 1, buckets.Length);
        Assert.Equal("le=\"0.000001\"", buckets[0].Labels);
        Assert.Equal("le=\"0.01\"", buckets[^2].Labels);
        Assert.Equal("le=\"+Inf\"", buckets[^1].Labels);
        double previousBound = 0;
        for (int i = 0; i < buckets.Length; i++)
        {
            string le = buckets[i].Labels[4..^1];
            double bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            Assert.True(bound > previousBound, $"bucket {i} not ascending");
            previousBound = bound;
            Assert.Equal(micros.Count(us => us * 1e-6 <= bound), buckets[i].Value);
            if (i > 0)
            {
                Assert.True(buckets[i].Value >= buckets[i - 1].Value);
            }
        }

        Assert.Equal(micros.Length, Exposition.Value(Exposition.Parse(metrics.Render()), "edgernn_step_latency_seconds_count"));
    }

    [Fact]
    public void SampleRate_SteadyThenStopped_AveragesOverTheLastTenSeconds()
    {
        var time = new ManualTime();
        var metrics = new DeviceMetrics(time);
        for (int second = 0; second < 20; second++)
        {
            for (int i = 0; i < 100; i++)
            {
                metrics.RecordSample(TimeSpan.Zero, 0f);
                time.Advance(TimeSpan.FromMilliseconds(10));
            }
        }

        Assert.Equal(100, metrics.SampleRate, 6);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(50, metrics.SampleRate, 6);
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(0, metrics.SampleRate);
    }

    [Fact]
    public void SampleRate_FirstSecond_UsesTheElapsedTime()
    {
        var time = new ManualTime();
        var metrics = new DeviceMetrics(time);
        for (int i = 0; i < 50; i++)
        {
            metrics.RecordSample(TimeSpan.Zero, 0f);
        }

        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.InRange(metrics.SampleRate, 50, 200);
    }

    [Fact]
    public async Task RecordSample_FromFourThreads_CountsExactly()
    {
        var metrics = new DeviceMetrics();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 25_000; i++)
            {
                metrics.RecordSample(TimeSpan.FromTicks(i % 300), 0.5f);
                metrics.BadFrame("malformed");
            }
        })));
        var samples = Exposition.Parse(metrics.Render());
        Assert.Equal(100_000, Exposition.Value(samples, "edgernn_samples_total"));
        Assert.Equal(100_000, Exposition.Value(samples, "edgernn_step_latency_seconds_bucket", "le=\"+Inf\""));
        Assert.Equal(100_000, Exposition.Value(samples, "edgernn_bad_frames_total", "reason=\"malformed\""));
    }

    [Fact]
    public void UpdatePath_Warm_AllocatesNothing()
    {
        var metrics = new DeviceMetrics();
        metrics.BadFrame("malformed");
        metrics.RecordSample(TimeSpan.FromMicroseconds(5), 0.1f);
        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                metrics.RecordSample(TimeSpan.FromTicks(i), i / 10_000f);
                metrics.BadFrame("malformed");
                metrics.SamplesDropped();
                metrics.AlarmRaised();
                metrics.AlarmCleared();
                metrics.StateSaved();
                metrics.SourceReconnected();
                metrics.SensorFault();
            }
        });

        Assert.Equal(0, allocated);
    }
}
