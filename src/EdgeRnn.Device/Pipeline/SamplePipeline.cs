using System.Diagnostics;
using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Persistence;
using EdgeRnn.Device.Samples;
using EdgeRnn.Device.Scores;
using EdgeRnn.Device.Sources;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Device.Pipeline;

/// <summary>
/// The per-sample path of <c>edgernn-device run</c>: the runtime's <see cref="StreamDetector"/> (source channels → the
/// detector's sample values → with the sample's timestamp, the data's or the arrival time a source stamped: normalise,
/// step, prediction error and anomaly score, the last valid value of a NaN or infinite channel held so that no NaN enters
/// the recurrent state → the alarm decision; the benchmarks take the same path) → alarm events (<see cref="AlarmMonitor"/>) → metrics, the scores file's row (<see cref="ScoresWriter"/>, written
/// off this thread), periodic state save and the tally against labelled anomalies. Samples are taken in arrival order
/// whatever their timestamps do; <see cref="Clock"/> counts the steps back, repeats and gaps. One buffer, no allocation per
/// sample once warm. Not thread-safe; other threads read only the counters.
/// </summary>
internal sealed class SamplePipeline
{
    private readonly ISampleSource _source;
    private readonly AnomalyDetector _detector;
    private readonly AlarmMonitor _monitor;
    private readonly DeviceMetrics _metrics;
    private readonly StateSaver? _saver;
    private readonly ScoresWriter? _scores;
    private readonly StreamDetector _stream;
    private readonly SampleBuffer _sample;
    private long _processed;
    private long _skipped;
    private long _stepTicks;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="source">The started source.</param>
    /// <param name="detector">The model's detector (its state possibly restored).</param>
    /// <param name="monitor">Alarm decisions and sinks.</param>
    /// <param name="metrics">The counters the metrics endpoint serves.</param>
    /// <param name="saver">Saves the state periodically, or null without <c>--state</c>.</param>
    /// <param name="tally">Compares alarms with the recording's labels.</param>
    /// <param name="scores">Takes one row per sample for the <c>--scores</c> file, or null without it.</param>
    public SamplePipeline(ISampleSource source, AnomalyDetector detector, AlarmMonitor monitor, DeviceMetrics metrics, StateSaver? saver, KnownAnomalyTally tally, ScoresWriter? scores = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(tally);
        _source = source;
        _detector = detector;
        _monitor = monitor;
        _metrics = metrics;
        _saver = saver;
        _scores = scores;
        Tally = tally;
        _stream = new StreamDetector(detector, monitor.Policy);
        _sample = new SampleBuffer(BinaryFrame.MaxChannels);
    }

    /// <summary>The tally against the recording's labels.</summary>
    public KnownAnomalyTally Tally { get; }

    /// <summary>
    /// What the timestamps carried by the samples did, in arrival order: steps back, repeats, gaps (samples stamped on
    /// arrival by a network or stdin source are not counted: that clock is the board's, not the data's). Read it after the run.
    /// </summary>
    public StreamClock Clock { get; } = new();

    /// <summary>Samples scored so far.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Samples skipped because their channel count differed from the first sample's.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>The time all samples so far took to normalise, step and score, in seconds (Stopwatch precision).</summary>
    public double TotalStepSeconds => Interlocked.Read(ref _stepTicks) / (double)Stopwatch.Frequency;

    /// <summary>Called once with a sentence for the log when the source's channels are taken in order, not by name.</summary>
    public Action<string>? MappingNote { get; init; }

    /// <summary>Reads and processes samples until the source ends, <paramref name="maxSamples"/> are processed or
    /// <paramref name="cancellationToken"/> is cancelled (a normal stop: no exception).</summary>
    /// <param name="maxSamples">Stop after this many samples; 0 for no limit.</param>
    /// <param name="cancellationToken">Stops the run (SIGTERM, Ctrl-C).</param>
    /// <returns>True when the source ended or the limit was reached; false when the run was stopped.</returns>
    /// <exception cref="InvalidDataException">The source's channels do not fit the model.</exception>
    public async Task<bool> RunAsync(long maxSamples, CancellationToken cancellationToken)
    {
        try
        {
            while (maxSamples <= 0 || _processed < maxSamples)
            {
                if (!await _source.ReadAsync(_sample, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }

                Process(_sample);
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Processes one sample from the source.</summary>
    /// <param name="sample">The sample.</param>
    /// <exception cref="InvalidDataException">The first sample's channels do not fit the model.</exception>
    public void Process(SampleBuffer sample)
    {
        ChannelMap map = _stream.Map ?? Bind(sample.Count);
        if (sample.Count != map.SourceCount)
        {
            Interlocked.Increment(ref _skipped);
            return;
        }

        if (sample.HasTimestamp)
        {
            _metrics.ClockStepped(Clock.ObserveUnixMicroseconds(sample.TimestampMicroseconds));
        }

        var timestamp = new DateTime(DateTime.UnixEpoch.Ticks + (sample.TimestampMicroseconds * TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
        long start = Stopwatch.GetTimestamp();
        StreamStep step = _stream.Process(sample.Values, timestamp);
        long ticks = Stopwatch.GetTimestamp() - start;
        Interlocked.Add(ref _stepTicks, ticks);
        AnomalyScore score = step.Score;
        _metrics.RecordSample(Stopwatch.GetElapsedTime(0, ticks), score.Score);

        long index = _processed;
        long raised = _monitor.RaisedCount;
        _monitor.Observe(index, new DateTimeOffset(timestamp), _stream.Input, step, _detector.Contributions);
        _scores?.Add(new ScoreRow(sample.TimestampMicroseconds, score.Score, _monitor.IsActive, score.ChangePoint));
        Tally.Observe(index, sample.Label, _monitor.IsActive || _monitor.FaultedChannels > 0, _monitor.RaisedCount > raised);
        Interlocked.Increment(ref _processed);
        _saver?.SaveIfDue(index + 1);
    }

    private ChannelMap Bind(int sourceCount)
    {
        IReadOnlyList<string> names = _source.ChannelNames;
        var map = _stream.Bind(names.Count == sourceCount ? names : ChannelNaming.Default(sourceCount), sourceCount);
        if (map.Note is not null)
        {
            MappingNote?.Invoke(map.Note);
        }

        return map;
    }
}
