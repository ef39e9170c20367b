using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Device.Alarms;

/// <summary>
/// Turns each scored sample into alarm events: the anomaly decision (<see cref="AlarmPolicy"/>), the sensor-fault watch
/// (<see cref="SensorFaultMonitor"/>) and the detector's change points (<see cref="AnomalyScore.ChangePoint"/>), with the
/// top channels named from the model, delivered to every sink; each sample's score also goes to the sinks that take it
/// (<see cref="IScoreSink"/>). The per-sample path allocates nothing; a sink that fails is logged and skipped, never fatal.
/// Not thread-safe: one monitor per stream.
/// </summary>
internal sealed class AlarmMonitor : IDisposable
{
    private readonly AlarmPolicy _policy;
    private readonly SensorFaultMonitor _faults;
    private readonly string[] _inputNames;
    private readonly string[] _targetNames;
    private readonly int[] _targetChannels;
    private readonly IAlarmSink[] _sinks;
    private readonly IScoreSink[] _scoreSinks;
    private readonly TextWriter _log;
    private readonly int[] _faulted;
    private readonly int[] _recovered;
    private float _lastScore;
    private bool _disposed;

    /// <summary>Creates a monitor.</summary>
    /// <param name="policy">The anomaly alarm decision.</param>
    /// <param name="faults">The sensor-fault watch, one channel per model input.</param>
    /// <param name="inputNames">One name per input channel.</param>
    /// <param name="targetChannels">Per score contribution, the input channel it measures.</param>
    /// <param name="sinks">Where events go; disposed with the monitor.</param>
    /// <param name="log">Where sink failures are reported.</param>
    /// <exception cref="ArgumentException">The channel counts do not agree.</exception>
    public AlarmMonitor(AlarmPolicy policy, SensorFaultMonitor faults, IReadOnlyList<string> inputNames, IReadOnlyList<int> targetChannels, IEnumerable<IAlarmSink> sinks, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(inputNames);
        ArgumentNullException.ThrowIfNull(targetChannels);
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(log);
        if (inputNames.Count != faults.Channels)
        {
            throw new ArgumentException($"Expected {faults.Channels} input names (one per watched channel); found {inputNames.Count}.", nameof(inputNames));
        }

        foreach (int channel in targetChannels)
        {
            if ((uint)channel >= (uint)inputNames.Count)
            {
                throw new ArgumentException($"Expected target channels in [0, {inputNames.Count}); found {channel}.", nameof(targetChannels));
            }
        }

        _policy = policy;
        _faults = faults;
        _inputNames = inputNames.ToArray();
        _targetChannels = targetChannels.ToArray();
        _targetNames = _targetChannels.Select(c => _inputNames[c]).ToArray();
        _sinks = sinks.ToArray();
        _scoreSinks = _sinks.OfType<IScoreSink>().ToArray();
        _log = log;
        _faulted = new int[faults.Channels];
        _recovered = new int[faults.Channels];
    }

    /// <summary>The anomaly alarm decision (a <see cref="StreamDetector"/> updates it; <see cref="Observe(long, DateTimeOffset, ReadOnlySpan{float}, AnomalyScore, ReadOnlySpan{float})"/> does when none runs).</summary>
    public AlarmPolicy Policy => _policy;

    /// <summary>Whether the anomaly alarm is active.</summary>
    public bool IsActive => _policy.IsActive;

    /// <summary>How many channels are faulted now.</summary>
    public int FaultedChannels => _faults.FaultedCount;

    /// <summary>How many anomaly alarms were raised so far.</summary>
    public long RaisedCount { get; private set; }

    /// <summary>How many sensor faults began so far.</summary>
    public long SensorFaultCount { get; private set; }

    /// <summary>How many change points of the error's level upwards the detector reported so far.</summary>
    public long ChangePointsUp { get; private set; }

    /// <summary>How many change points of the error's level downwards the detector reported so far.</summary>
    public long ChangePointsDown { get; private set; }

    /// <summary>How many times a sink failed to take an event.</summary>
    public long SinkFailures { get; private set; }

    /// <summary>Creates a monitor for a detector's sample channels: the first <see cref="AnomalyDetector.SampleSize"/> of
    /// its model's feature names (or ch0, ch1, …), and the model's target channels.</summary>
    /// <param name="detector">The detector being run.</param>
    /// <param name="policy">The anomaly alarm decision.</param>
    /// <param name="faults">The sensor-fault watch, one channel per sample value (<see cref="AnomalyDetector.SampleSize"/>).</param>
    /// <param name="sinks">Where events go.</param>
    /// <param name="log">Where sink failures are reported.</param>
    /// <returns>The monitor.</returns>
    public static AlarmMonitor ForDetector(AnomalyDetector detector, AlarmPolicy policy, SensorFaultMonitor faults, IEnumerable<IAlarmSink> sinks, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(detector);
        return new AlarmMonitor(policy, faults, detector.SampleNames, detector.Model.Definition.Metadata.TargetChannels, sinks, log);
    }

    /// <summary>Takes one sample and its score; emits the events it causes.</summary>
    /// <param name="sampleIndex">The sample's index in the stream, 0-based.</param>
    /// <param name="time">The sample's timestamp.</param>
    /// <param name="sample">The raw sample, one value per input channel (before the runtime holds invalid values).</param>
    /// <param name="score">What the detector scored for it.</param>
    /// <param name="contributions">The detector's per-target contributions for it (<c>AnomalyDetector.Contributions</c>).</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Observe(long sampleIndex, DateTimeOffset time, ReadOnlySpan<float> sample, AnomalyScore score, ReadOnlySpan<float> contributions) =>
        Observe(sampleIndex, time, sample, new StreamStep(score, _policy.Update(score.Score, score.IsWarm)), contributions);

    /// <summary>Takes one sample whose alarm decision <see cref="Policy"/> has already made (<see cref="StreamDetector.Process"/>); emits the events it causes.</summary>
    /// <param name="sampleIndex">The sample's index in the stream, 0-based.</param>
    /// <param name="time">The sample's timestamp.</param>
    /// <param name="sample">The raw sample, one value per input channel (before the runtime holds invalid values).</param>
    /// <param name="step">What the detector scored for it and what it did to the alarm.</param>
    /// <param name="contributions">The detector's per-target contributions for it (<c>AnomalyDetector.Contributions</c>).</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Observe(long sampleIndex, DateTimeOffset time, ReadOnlySpan<float> sample, StreamStep step, ReadOnlySpan<float> contributions)
    {
        AnomalyScore score = step.Score;
        if (contributions.Length != _targetChannels.Length)
        {
            throw new ArgumentException($"Expected {_targetChannels.Length} contributions (one per target channel); found {contributions.Length}.", nameof(contributions));
        }

        if (!float.IsNaN(score.Score))
        {
            _lastScore = score.Score;
            foreach (var sink in _scoreSinks)
            {
                sink.OnScore(score.Score);
            }
        }

        int recovered = _faults.Update(sample, _faulted, _recovered, out int faulted);
        for (int i = 0; i < faulted; i++)
        {
            SensorFaultCount++;
            Emit(new AlarmEvent(AlarmKind.SensorFault, sampleIndex, time, _lastScore, SensorChannel(_faulted[i])));
        }

        for (int i = 0; i < recovered; i++)
        {
            Emit(new AlarmEvent(AlarmKind.SensorRecovered, sampleIndex, time, _lastScore, SensorChannel(_recovered[i])));
        }

        var transition = step.Transition;
        if (transition != AlarmTransition.None)
        {
            if (transition == AlarmTransition.Raised)
            {
                RaisedCount++;
            }

            var kind = transition == AlarmTransition.Raised ? AlarmKind.Raised : AlarmKind.Cleared;
            Emit(new AlarmEvent(kind, sampleIndex, time, score.Score, TopChannels.From(contributions, _targetNames, _targetChannels)));
        }

        if (score.ChangePoint != LevelShift.None)
        {
            if (score.ChangePoint == LevelShift.Up)
            {
                ChangePointsUp++;
            }
            else
            {
                ChangePointsDown++;
            }

            Emit(new AlarmEvent(AlarmKind.ChangePoint, sampleIndex, time, score.Score, TopChannels.From(contributions, _targetNames, _targetChannels), score.ChangePoint));
        }
    }

    /// <summary>Flushes every sink.</summary>
    public void Flush()
    {
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Flush();
            }
            catch (IOException e)
            {
                Failed(sink, e);
            }
        }
    }

    /// <summary>Flushes and disposes every sink.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Flush();
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Dispose();
            }
            catch (IOException e)
            {
                Failed(sink, e);
            }
        }
    }

    private TopChannels SensorChannel(int channel) => TopChannels.Single(new ChannelContribution(channel, _inputNames[channel], 0f));

    private void Emit(in AlarmEvent alarm)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                sink.OnEvent(alarm);
            }
            catch (IOException e)
            {
                Failed(sink, e);
            }
            catch (UnauthorizedAccessException e)
            {
                Failed(sink, e);
            }
        }
    }

    private void Failed(IAlarmSink sink, Exception e)
    {
        SinkFailures++;
        _log.WriteLine($"alarm output {sink.GetType().Name} failed: {e.Message}");
    }
}
