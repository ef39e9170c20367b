using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Persistence;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Samples;
using EdgeRnn.Device.Scores;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Tests.Alarms;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Device.Tests.Pipeline;

/// <summary>A pipeline over a source with a small model, recording its events.</summary>
internal sealed class PipelineParts : IDisposable
{
    public PipelineParts(ISampleSource source, RnnModel? model = null, StateSaver? saver = null, int faultSamples = 10, ScoresWriter? scores = null)
    {
        Model = model ?? Persistence.SmallModels.Forecaster(names: ["a", "b", "c"]);
        Detector = new AnomalyDetector(Model);
        Monitor = AlarmMonitor.ForDetector(Detector, new AlarmPolicy(new AlarmPolicyOptions(), Model.Definition.Scoring.Threshold), new SensorFaultMonitor(Detector.SampleSize, faultSamples), [Events, new MetricsAlarmSink(Metrics)], TextWriter.Null);
        Scores = scores;
        Pipeline = new SamplePipeline(source, Detector, Monitor, Metrics, saver, new KnownAnomalyTally(10), scores);
    }

    public ScoresWriter? Scores { get; }

    public RnnModel Model { get; }

    public AnomalyDetector Detector { get; }

    public DeviceMetrics Metrics { get; } = new();

    public RecordingSink Events { get; } = new();

    public AlarmMonitor Monitor { get; }

    public SamplePipeline Pipeline { get; }

    public void Dispose()
    {
        Scores?.Dispose();
        Monitor.Dispose();
    }
}

/// <summary>A source that hands out prepared samples, then ends.</summary>
internal sealed class ListSource(string[] names, IEnumerable<float[]> samples) : ISampleSource
{
    private readonly IEnumerator<float[]> _samples = samples.GetEnumerator();

    public string Description => "list";

    public int ChannelCount => names.Length;

    public IReadOnlyList<string> ChannelNames => names;

    public SourceStatistics Statistics { get; } = new();

    public ValueTask StartAsync(CancellationToken cancellationToken) => default;

    public ValueTask<bool> ReadAsync(SampleBuffer sample, CancellationToken cancellationToken)
    {
        if (!_samples.MoveNext())
        {
            return new ValueTask<bool>(false);
        }

        _samples.Current.CopyTo(sample.Begin(_samples.Current.Length));
        sample.End();
        Statistics.AddSample();
        return new ValueTask<bool>(true);
    }

    public ValueTask DisposeAsync()
    {
        _samples.Dispose();
        return default;
    }
}
