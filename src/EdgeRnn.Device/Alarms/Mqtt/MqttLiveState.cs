namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>
/// What the sample loop hands the MQTT publisher besides events, as plain fields (no lock, no allocation): the alarm state
/// (an <see cref="IAlarmLine"/>, driven by a <see cref="LineAlarmSink"/> exactly like a GPIO line: on while the anomaly alarm
/// is raised or a channel is faulted) and the latest score. The publisher takes each when it has changed, so states that
/// come and go while the broker is away collapse into the latest one, which is what a retained state topic should hold.
/// </summary>
internal sealed class MqttLiveState : IAlarmLine
{
    private readonly Action _changed;
    private int _alarmOn;
    private int _alarmChanged;
    private int _scoreBits;
    private int _scoreFresh;

    /// <summary>Creates the state: alarm off, not yet published; no score.</summary>
    /// <param name="changed">Called when the alarm state changes (wakes the publisher); must not block.</param>
    public MqttLiveState(Action changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        _changed = changed;
        _alarmChanged = 1;
    }

    /// <summary>The alarm state as last set.</summary>
    public bool AlarmOn => Volatile.Read(ref _alarmOn) != 0;

    /// <inheritdoc/>
    public void Set(bool active)
    {
        Volatile.Write(ref _alarmOn, active ? 1 : 0);
        Volatile.Write(ref _alarmChanged, 1);
        _changed();
    }

    /// <summary>Stores the latest score (the sample loop, per sample).</summary>
    /// <param name="score">The score.</param>
    public void SetScore(float score)
    {
        Volatile.Write(ref _scoreBits, BitConverter.SingleToInt32Bits(score));
        Volatile.Write(ref _scoreFresh, 1);
    }

    /// <summary>Takes the alarm state if it changed since the last take (or <see cref="RepublishAlarm"/>).</summary>
    /// <param name="on">The state.</param>
    /// <returns>Whether it is to be published.</returns>
    public bool TryTakeAlarm(out bool on)
    {
        bool changed = Interlocked.Exchange(ref _alarmChanged, 0) != 0;
        on = AlarmOn;
        return changed;
    }

    /// <summary>Marks the alarm state to be published again (a new connection, a failed publish).</summary>
    public void RepublishAlarm() => Volatile.Write(ref _alarmChanged, 1);

    /// <summary>Takes the latest score if a sample was scored since the last take.</summary>
    /// <param name="score">The score.</param>
    /// <returns>Whether there is a new score.</returns>
    public bool TryTakeScore(out float score)
    {
        bool fresh = Interlocked.Exchange(ref _scoreFresh, 0) != 0;
        score = BitConverter.Int32BitsToSingle(Volatile.Read(ref _scoreBits));
        return fresh;
    }
}
