using System.Buffers;
using System.Diagnostics;
using System.Globalization;

namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>
/// The MQTT output's background task: connects (again after a loss, with <see cref="ReconnectBackoff"/>), announces itself on
/// each connection (<c>online</c> and the discovery configs, retained), then publishes the queued events in order (each
/// removed from <see cref="EventQueue"/> only once the broker acknowledged it), the alarm state when it changed, and the latest
/// score at most once per score interval; it sleeps until woken by a new event, the next score or the stop. On stop it keeps
/// trying to deliver what is queued for up to a flush timeout, then publishes <c>offline</c> and disconnects.
/// </summary>
internal sealed class MqttPublisher : IDisposable
{
    private static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(2);
    private readonly MqttAlarmSpec _spec;
    private readonly MqttTopics _topics;
    private readonly IMqttConnection _connection;
    private readonly EventQueue _queue;
    private readonly MqttLiveState _live;
    private readonly TextWriter _log;
    private readonly ReconnectBackoff _backoff;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly long _scoreIntervalTicks;
    private long _nextScore;
    private long _published;
    private long _connections;
    private long _droppedSeen;
    private int _connected;
    private int _unsent;
    private bool _troubleLogged;
    private long _troubleSince;

    /// <summary>Creates a publisher (not yet running).</summary>
    /// <param name="spec">The output's settings.</param>
    /// <param name="topics">Its topics.</param>
    /// <param name="connection">The broker connection (owned by the caller).</param>
    /// <param name="queue">The events to publish.</param>
    /// <param name="live">The alarm state and the latest score.</param>
    /// <param name="log">Where connection changes are reported (thread-safe).</param>
    /// <param name="backoff">The waits between connection attempts.</param>
    public MqttPublisher(MqttAlarmSpec spec, MqttTopics topics, IMqttConnection connection, EventQueue queue, MqttLiveState live, TextWriter log, ReconnectBackoff backoff)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(backoff);
        _spec = spec;
        _topics = topics;
        _connection = connection;
        _queue = queue;
        _live = live;
        _log = log;
        _backoff = backoff;
        _scoreIntervalTicks = (long)(spec.ScoreInterval.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>What the output has done so far.</summary>
    public MqttStatus Status => new(
        Volatile.Read(ref _connected) != 0,
        Interlocked.Read(ref _published),
        _queue.Dropped,
        _queue.Count,
        Math.Max(0, Interlocked.Read(ref _connections) - 1),
        Volatile.Read(ref _unsent));

    /// <summary>Wakes the task (a new event or alarm state). Never blocks; called from the sample loop.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Runs until <paramref name="stop"/> is cancelled, then flushes for up to <paramref name="flushTimeout"/> and says goodbye.</summary>
    /// <param name="flushTimeout">How long the stop may spend delivering queued events.</param>
    /// <param name="stop">Stops the loop.</param>
    /// <returns>When stopped.</returns>
    public async Task RunAsync(TimeSpan flushTimeout, CancellationToken stop)
    {
        // The stop interrupts waiting only: a connection or publish under way goes on (MQTTnet reports a cancelled publish as
        // a timeout, and the broker may have the message already: it would be sent twice), up to the flush deadline.
        using var deadline = new CancellationTokenSource();
        using (stop.Register(() => deadline.CancelAfter(flushTimeout)))
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (!_connection.IsConnected)
                    {
                        await ConnectAsync(deadline.Token).ConfigureAwait(false);
                    }

                    await PublishPendingAsync(withScore: true, deadline.Token).ConfigureAwait(false);
                    await _wake.WaitAsync(UntilNextScore(), stop).ConfigureAwait(false);
                }
                catch (Exception e) when (IsBrokerFailure(e))
                {
                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }

                    Trouble(e);
                    await DelayAsync(_backoff.Next(), stop).ConfigureAwait(false);
                }
            }

            await StopAsync(deadline.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Releases the wake-up signal; call once <see cref="RunAsync"/> has ended.</summary>
    public void Dispose() => _wake.Dispose();

    private static bool IsBrokerFailure(Exception e) => e is not (OutOfMemoryException or StackOverflowException or AccessViolationException);

    private static async Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await _connection.PublishAsync(_topics.State, MqttPayloads.Text(MqttTopics.Online), retain: true, atLeastOnce: true, cancellationToken).ConfigureAwait(false);
        if (_topics.AlarmConfig is not null)
        {
            await _connection.PublishAsync(_topics.AlarmConfig, MqttPayloads.AlarmConfig(_topics), retain: true, atLeastOnce: true, cancellationToken).ConfigureAwait(false);
        }

        if (_topics.ScoreConfig is not null)
        {
            await _connection.PublishAsync(_topics.ScoreConfig, MqttPayloads.ScoreConfig(_topics), retain: true, atLeastOnce: true, cancellationToken).ConfigureAwait(false);
        }

        _live.RepublishAlarm();
        long connections = Interlocked.Increment(ref _connections);
        Volatile.Write(ref _connected, 1);
        _backoff.Reset();
        long dropped = _queue.Dropped;
        string away = _troubleLogged
            ? string.Create(CultureInfo.InvariantCulture, $" after {Stopwatch.GetElapsedTime(_troubleSince).TotalSeconds:0.0} s away: {_queue.Count} events queued, {dropped - _droppedSeen} dropped since the last connection (queue of {_queue.Capacity})")
            : string.Empty;
        _log.WriteLine($"mqtt: {(connections > 1 ? "reconnected" : "connected")} to {_spec.Host}:{_spec.Port} as {_spec.ClientId}, topics {_spec.TopicPrefix}/…{away}");
        _troubleLogged = false;
        _droppedSeen = dropped;
    }

    private async Task PublishPendingAsync(bool withScore, CancellationToken cancellationToken)
    {
        while (_queue.TryPeek(out AlarmEvent alarm, out long sequence))
        {
            await _connection.PublishAsync(_topics.Event, MqttPayloads.Event(_buffer, alarm), retain: false, atLeastOnce: true, cancellationToken).ConfigureAwait(false);
            _queue.Remove(sequence);
            Interlocked.Increment(ref _published);
        }

        if (_live.TryTakeAlarm(out bool on))
        {
            try
            {
                await _connection.PublishAsync(_topics.Alarm, MqttPayloads.Text(on ? MqttTopics.On : MqttTopics.Off), retain: true, atLeastOnce: true, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _live.RepublishAlarm();
                throw;
            }
        }

        if (withScore && _scoreIntervalTicks > 0 && Stopwatch.GetTimestamp() >= _nextScore && _live.TryTakeScore(out float score))
        {
            _nextScore = Stopwatch.GetTimestamp() + _scoreIntervalTicks;
            await _connection.PublishAsync(_topics.Score, MqttPayloads.Score(score), retain: false, atLeastOnce: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan UntilNextScore()
    {
        if (_scoreIntervalTicks <= 0)
        {
            return Timeout.InfiniteTimeSpan;
        }

        long now = Stopwatch.GetTimestamp();
        return Stopwatch.GetElapsedTime(now, _nextScore > now ? _nextScore : now + _scoreIntervalTicks);
    }

    private void Trouble(Exception e)
    {
        bool wasConnected = Volatile.Read(ref _connected) != 0;
        Volatile.Write(ref _connected, 0);
        if (_troubleLogged)
        {
            return;
        }

        _troubleLogged = true;
        _troubleSince = Stopwatch.GetTimestamp();
        string what = wasConnected ? "lost the connection to" : "cannot reach";
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mqtt: {what} {_spec.Host}:{_spec.Port} ({e.GetBaseException().Message.ReplaceLineEndings(" ")}); events are queued (up to {_queue.Capacity}, then the oldest is dropped) and the connection retried every {_backoff.Initial.TotalSeconds:0.###} to {_backoff.Max.TotalSeconds:0.###} s"));
    }

    private async Task StopAsync(CancellationToken deadline)
    {
        while (!deadline.IsCancellationRequested && (_connection.IsConnected || _queue.Count > 0))
        {
            try
            {
                if (!_connection.IsConnected)
                {
                    await ConnectAsync(deadline).ConfigureAwait(false);
                }

                await PublishPendingAsync(withScore: false, deadline).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (IsBrokerFailure(e))
            {
                if (deadline.IsCancellationRequested)
                {
                    break;
                }

                Trouble(e);
                await DelayAsync(_backoff.Next(), deadline).ConfigureAwait(false);
            }
        }

        Volatile.Write(ref _unsent, _queue.Count);
        if (!_connection.IsConnected)
        {
            return;
        }

        using var goodbye = new CancellationTokenSource(GoodbyeTimeout);
        try
        {
            await _connection.PublishAsync(_topics.State, MqttPayloads.Text(MqttTopics.Offline), retain: true, atLeastOnce: true, goodbye.Token).ConfigureAwait(false);
            await _connection.DisconnectAsync(goodbye.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsBrokerFailure(e))
        {
            _log.WriteLine($"mqtt: could not say goodbye to {_spec.Host}:{_spec.Port} ({e.GetBaseException().Message.ReplaceLineEndings(" ")}); the broker publishes the last will instead");
        }

        Volatile.Write(ref _connected, 0);
    }
}
