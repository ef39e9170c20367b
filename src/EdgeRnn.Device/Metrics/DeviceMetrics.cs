using EdgeRnn.Device.Alarms.Mqtt;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Device.Metrics;

/// <summary>
/// The counters and gauges of a running device, updated from the sample loop and other threads without locks or
/// allocation (Interlocked and Volatile), and rendered on demand in Prometheus text format by <see cref="Render"/>.
/// </summary>
internal sealed partial class DeviceMetrics
{
    private readonly SampleRateWindow _rate;
    private long _samples;
    private long _alarmsRaised;
    private long _dropped;
    private long _stateSaves;
    private long _reconnects;
    private long _sensorFaults;
    private long _clockStepsBack;
    private long _clockRepeats;
    private long _clockGaps;
    private long _changePointsUp;
    private long _changePointsDown;
    private long _scoreRowsDropped;
    private int _alarmActive;
    private int _scoreBits;

    /// <summary>Creates metrics at zero.</summary>
    /// <param name="time">The clock for the sample rate; null for the system clock.</param>
    /// <param name="badFrameReasons">Bad-frame reasons to show with a count of 0 before they first happen.</param>
    public DeviceMetrics(TimeProvider? time = null, IEnumerable<string>? badFrameReasons = null)
    {
        _rate = new SampleRateWindow(time ?? TimeProvider.System);
        foreach (string reason in badFrameReasons ?? [])
        {
            BadFrames.Register(reason);
        }
    }

    /// <summary>The step latency histogram.</summary>
    public LatencyHistogram StepLatency { get; } = new();

    /// <summary>Bad frames by reason.</summary>
    public BadFrameCounters BadFrames { get; } = new();

    /// <summary>Samples processed so far.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>Anomaly alarms raised so far.</summary>
    public long AlarmsRaised => Interlocked.Read(ref _alarmsRaised);

    /// <summary>Samples dropped because inference fell behind.</summary>
    public long DroppedSamples => Interlocked.Read(ref _dropped);

    /// <summary>States saved so far.</summary>
    public long StateSaves => Interlocked.Read(ref _stateSaves);

    /// <summary>Source reconnections so far.</summary>
    public long SourceReconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Sensor faults begun so far.</summary>
    public long SensorFaults => Interlocked.Read(ref _sensorFaults);

    /// <summary>Samples whose own timestamp was earlier than the previous sample's.</summary>
    public long ClockStepsBack => Interlocked.Read(ref _clockStepsBack);

    /// <summary>Samples whose own timestamp equalled the previous sample's.</summary>
    public long ClockRepeats => Interlocked.Read(ref _clockRepeats);

    /// <summary>Forward jumps of the samples' timestamps over 10 typical periods.</summary>
    public long ClockGaps => Interlocked.Read(ref _clockGaps);

    /// <summary>Change points of the prediction error's level upwards.</summary>
    public long ChangePointsUp => Interlocked.Read(ref _changePointsUp);

    /// <summary>Change points of the prediction error's level downwards.</summary>
    public long ChangePointsDown => Interlocked.Read(ref _changePointsDown);

    /// <summary>Rows of the <c>--scores</c> file dropped because its writer fell behind a live source, or lost when it failed.</summary>
    public long DroppedScoreRows => Interlocked.Read(ref _scoreRowsDropped);

    /// <summary>Whether the anomaly alarm is active.</summary>
    public bool AlarmActive => Volatile.Read(ref _alarmActive) != 0;

    /// <summary>The last anomaly score.</summary>
    public float Score => BitConverter.Int32BitsToSingle(Volatile.Read(ref _scoreBits));

    /// <summary>Reads the MQTT output's status for the <c>edgernn_mqtt_*</c> metrics, or null without one.</summary>
    public Func<MqttStatus>? Mqtt { get; set; }

    /// <summary>The sample rate over the last 10 s, in samples per second.</summary>
    public double SampleRate => _rate.Rate();

    /// <summary>Records one processed sample: counts it, observes its step latency and sets the current score.</summary>
    /// <param name="stepLatency">How long normalise + step + score took.</param>
    /// <param name="score">Its anomaly score in [0, 1].</param>
    public void RecordSample(TimeSpan stepLatency, float score)
    {
        Interlocked.Increment(ref _samples);
        _rate.Count();
        StepLatency.Observe(stepLatency);
        Volatile.Write(ref _scoreBits, BitConverter.SingleToInt32Bits(score));
    }

    /// <summary>Counts one raised anomaly alarm and marks the alarm active.</summary>
    public void AlarmRaised()
    {
        Interlocked.Increment(ref _alarmsRaised);
        Volatile.Write(ref _alarmActive, 1);
    }

    /// <summary>Marks the anomaly alarm inactive.</summary>
    public void AlarmCleared() => Volatile.Write(ref _alarmActive, 0);

    /// <summary>Counts bad frames.</summary>
    /// <param name="reason">A short snake_case reason (the label value).</param>
    /// <param name="count">How many, 0 or more.</param>
    public void BadFrame(string reason, long count = 1) => BadFrames.Count(reason, count);

    /// <summary>Counts samples dropped because inference fell behind.</summary>
    /// <param name="count">How many, ≥ 0.</param>
    public void SamplesDropped(long count = 1) => Interlocked.Add(ref _dropped, count);

    /// <summary>Counts one saved state.</summary>
    public void StateSaved() => Interlocked.Increment(ref _stateSaves);

    /// <summary>Counts one source reconnection.</summary>
    public void SourceReconnected() => Interlocked.Increment(ref _reconnects);

    /// <summary>Counts a step back, a repeat or a gap of the samples' timestamps; other steps count nothing.</summary>
    /// <param name="step">What <see cref="StreamClock"/> found.</param>
    public void ClockStepped(ClockStep step)
    {
        switch (step)
        {
            case ClockStep.Back:
                Interlocked.Increment(ref _clockStepsBack);
                break;
            case ClockStep.Repeat:
                Interlocked.Increment(ref _clockRepeats);
                break;
            case ClockStep.Gap:
                Interlocked.Increment(ref _clockGaps);
                break;
        }
    }

    /// <summary>Counts one sensor fault.</summary>
    public void SensorFault() => Interlocked.Increment(ref _sensorFaults);

    /// <summary>Counts one change point of the prediction error's level; <see cref="LevelShift.None"/> counts nothing.</summary>
    /// <param name="shift">Its direction.</param>
    public void ChangePoint(LevelShift shift)
    {
        switch (shift)
        {
            case LevelShift.Up:
                Interlocked.Increment(ref _changePointsUp);
                break;
            case LevelShift.Down:
                Interlocked.Increment(ref _changePointsDown);
                break;
        }
    }

    /// <summary>Counts rows of the scores file dropped or lost.</summary>
    /// <param name="count">How many, ≥ 0.</param>
    public void ScoreRowsDropped(long count = 1) => Interlocked.Add(ref _scoreRowsDropped, count);
}
