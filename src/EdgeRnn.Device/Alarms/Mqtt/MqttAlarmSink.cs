using System.Globalization;

namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>
/// <c>--alarm mqtt://…</c>: events, the alarm state, the availability and the score on an MQTT broker, with Home Assistant
/// discovery (<see cref="MqttTopics"/>). The sample loop only hands things over: an event is copied into a bounded
/// <see cref="EventQueue"/> (the oldest dropped and counted when it is full), the alarm state and each sample's score are
/// stored in <see cref="MqttLiveState"/>; nothing there allocates or waits on the network. <see cref="MqttPublisher"/>
/// publishes them from a background task and reconnects with back-off. Disposing stops it: the queue is flushed for up
/// to the flush timeout, then <c>offline</c> is published and the connection closed.
/// </summary>
internal sealed class MqttAlarmSink : IAlarmSink, IScoreSink
{
    /// <summary>How long a stop may spend delivering queued events by default.</summary>
    public static readonly TimeSpan DefaultFlushTimeout = TimeSpan.FromSeconds(5);

    private readonly EventQueue _queue;
    private readonly LineAlarmSink _state;
    private readonly MqttLiveState _live;
    private readonly MqttPublisher _publisher;
    private readonly IMqttConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _flushTimeout;
    private readonly Task _running;
    private bool _disposed;

    /// <summary>Creates the output and starts its background task (which connects; the constructor does not wait for it).</summary>
    /// <param name="spec">The output's settings.</param>
    /// <param name="log">Where connection changes are reported (thread-safe: written from the background task).</param>
    /// <param name="connect">Makes the broker connection from the topics and a callback for a dropped connection; null for MQTTnet's.</param>
    /// <param name="backoff">The waits between connection attempts; null for 0.5 s doubling up to 30 s.</param>
    /// <param name="flushTimeout">How long disposing may spend delivering queued events; null for <see cref="DefaultFlushTimeout"/>.</param>
    public MqttAlarmSink(MqttAlarmSpec spec, TextWriter log, Func<MqttTopics, Action, IMqttConnection>? connect = null, ReconnectBackoff? backoff = null, TimeSpan? flushTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(log);
        Spec = spec;
        Topics = new MqttTopics(spec);
        _flushTimeout = flushTimeout ?? DefaultFlushTimeout;
        _queue = new EventQueue(spec.QueueCapacity);
        MqttPublisher? publisher = null;
        _live = new MqttLiveState(() => publisher?.Wake());
        _state = new LineAlarmSink(_live, ownsLine: false);
        _connection = (connect ?? ((topics, dropped) => new MqttNetConnection(spec, topics, dropped)))(Topics, () => publisher?.Wake());
        publisher = new MqttPublisher(spec, Topics, _connection, _queue, _live, log, backoff ?? new ReconnectBackoff(ReconnectBackoff.DefaultInitial, ReconnectBackoff.DefaultMax));
        _publisher = publisher;
        _running = Task.Run(() => _publisher.RunAsync(_flushTimeout, _stop.Token));
    }

    /// <summary>The output's settings.</summary>
    public MqttAlarmSpec Spec { get; }

    /// <summary>The output's topics.</summary>
    public MqttTopics Topics { get; }

    /// <summary>What the output has done so far.</summary>
    public MqttStatus Status => _publisher.Status;

    /// <inheritdoc/>
    public void OnEvent(in AlarmEvent alarm)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _queue.Add(alarm);
        _state.OnEvent(alarm);
        _publisher.Wake();
    }

    /// <inheritdoc/>
    public void OnScore(float score) => _live.SetScore(score);

    /// <summary>Nothing to do: the background task publishes as soon as it can.</summary>
    public void Flush()
    {
    }

    /// <summary>One line for the run's summary: events published, dropped, unsent, reconnects.</summary>
    /// <returns>The text, without a newline.</returns>
    public string Summary()
    {
        MqttStatus status = Status;
        return string.Create(CultureInfo.InvariantCulture, $"{status.Published:N0} events published to {Spec.Display} (QoS 1), {status.Dropped:N0} dropped (queue of {Spec.QueueCapacity:N0}), {status.Unsent:N0} unsent at exit, {status.Reconnects:N0} reconnects");
    }

    /// <summary>Stops the background task: flushes the queue for up to the flush timeout, publishes <c>offline</c>, disconnects.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stop.Cancel();
        try
        {
            // The task bounds its own flush and goodbye; the margin only guards against a client that ignores cancellation.
            _running.Wait(_flushTimeout + TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _state.Dispose();
        _publisher.Dispose();
        _connection.Dispose();
        _stop.Dispose();
    }
}
