using System.Globalization;
using System.Text;

namespace EdgeRnn.Device.Metrics;

/// <summary>
/// The <c>--metrics</c> of a labelling run (a bidirectional classify/label model, <see cref="Pipeline.WindowLabelRun"/>):
/// samples, windows and each window's run time (a histogram on <see cref="LatencyHistogram"/>'s bounds), and the readings
/// by class, in the exposition format of <see cref="DeviceMetrics"/>. Counting is lock-free and allocation-free; only
/// <see cref="Render"/> (a scrape) allocates.
/// </summary>
internal sealed class WindowMetrics
{
    private readonly string[] _classes;
    private readonly long[] _readings;
    private readonly SampleRateWindow _rate;
    private long _samples;
    private long _windows;

    /// <summary>Creates the counters.</summary>
    /// <param name="classes">The model's class names, one per output.</param>
    /// <param name="time">The clock of the sample rate; null for the system clock.</param>
    public WindowMetrics(string[] classes, TimeProvider? time = null)
    {
        _classes = classes;
        _readings = new long[classes.Length];
        _rate = new SampleRateWindow(time ?? TimeProvider.System);
    }

    /// <summary>The run time of each window.</summary>
    public LatencyHistogram WindowLatency { get; } = new();

    /// <summary>Samples taken from the source.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>Windows run.</summary>
    public long Windows => Interlocked.Read(ref _windows);

    /// <summary>Readings of class <paramref name="c"/> so far (each read sample once).</summary>
    public long Readings(int c) => Interlocked.Read(ref _readings[c]);

    /// <summary>Counts one sample.</summary>
    public void RecordSample()
    {
        Interlocked.Increment(ref _samples);
        _rate.Count();
    }

    /// <summary>Counts one window and observes its run time.</summary>
    /// <param name="latency">How long the window took.</param>
    public void RecordWindow(TimeSpan latency)
    {
        Interlocked.Increment(ref _windows);
        WindowLatency.Observe(latency);
    }

    /// <summary>Counts one sample's final reading.</summary>
    /// <param name="c">Its class.</param>
    public void RecordReading(int c) => Interlocked.Increment(ref _readings[c]);

    /// <summary>Renders every metric in the Prometheus text exposition format 0.0.4 (allocates; for scrapes).</summary>
    /// <returns>The text, lines ending in \n.</returns>
    public string Render()
    {
        var text = new StringBuilder(1024);
        DeviceMetrics.Counter(text, "edgernn_samples_total", "Samples processed.", Samples);
        DeviceMetrics.Family(text, "edgernn_sample_rate", "gauge", "Samples processed per second over the last 10 s.");
        DeviceMetrics.Sample(text, "edgernn_sample_rate", null, _rate.Rate());
        DeviceMetrics.Counter(text, "edgernn_windows_total", "Windows of the last N samples run through the bidirectional model.", Windows);
        const string Name = "edgernn_window_latency_seconds";
        DeviceMetrics.Family(text, Name, "histogram", "Time to run one window (normalise, both directions of every layer, head), in seconds.");
        var bounds = LatencyHistogram.UpperBoundTicks;
        Span<long> cumulative = stackalloc long[bounds.Length + 1];
        double sum = WindowLatency.Snapshot(cumulative);
        for (int i = 0; i < bounds.Length; i++)
        {
            decimal seconds = bounds[i] / (decimal)TimeSpan.TicksPerSecond;
            DeviceMetrics.Sample(text, Name + "_bucket", $"le=\"{seconds.ToString("0.##########", CultureInfo.InvariantCulture)}\"", cumulative[i]);
        }

        DeviceMetrics.Sample(text, Name + "_bucket", "le=\"+Inf\"", cumulative[bounds.Length]);
        DeviceMetrics.Sample(text, Name + "_sum", null, sum);
        DeviceMetrics.Sample(text, Name + "_count", null, cumulative[bounds.Length]);
        DeviceMetrics.Family(text, "edgernn_readings_total", "counter", "Samples read by a window, by the class of their one reading (the window with the most context on their shorter side).");
        for (int c = 0; c < _classes.Length; c++)
        {
            DeviceMetrics.Sample(text, "edgernn_readings_total", $"class=\"{DeviceMetrics.EscapeLabel(_classes[c])}\"", Readings(c));
        }

        return text.ToString();
    }
}
