using EdgeRnn.Device.Metrics;
using EdgeRnn.Runtime;

namespace EdgeRnn.Device.Persistence;

/// <summary>
/// Saves a stream's state every <see cref="Interval"/> without stalling the sample loop: the loop calls
/// <see cref="SaveIfDue"/> after each sample; when a save is due it copies the state into a preallocated buffer (no
/// allocation) and a background thread writes it through the <see cref="StateStore"/>. <see cref="SaveNow"/> saves
/// synchronously (on shutdown). A failed write is logged and counted, never fatal; the previous files stay valid. Given
/// the stream's detector, each save also carries the scorer's state (last prediction, recent errors) as the file's extra
/// payload, so that a restarted device scores on without warming up again.
/// </summary>
internal sealed class StateSaver : IDisposable
{
    private readonly StateStore _store;
    private readonly RnnState _state;
    private readonly TimeProvider _time;
    private readonly DeviceMetrics? _metrics;
    private readonly TextWriter _log;
    private readonly byte[] _snapshot;
    private readonly AnomalyDetector? _scorer;
    private readonly byte[] _scorerSnapshot;
    private readonly long _intervalTicks;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Lock _writing = new();
    private readonly Thread _writer;
    private long _due;
    private long _snapshotIndex;
    private int _busy;
    private long _failures;
    private volatile bool _stopping;

    /// <summary>Creates a saver and starts its writer thread.</summary>
    /// <param name="store">Where states go.</param>
    /// <param name="state">The stream's state (stepped by the sample loop only).</param>
    /// <param name="interval">Time between periodic saves, &gt; 0.</param>
    /// <param name="log">Where failures are reported (thread-safe, e.g. Console.Error).</param>
    /// <param name="metrics">Counts saves; null for none.</param>
    /// <param name="time">The clock; null for the system clock.</param>
    /// <param name="scorer">The detector whose scorer state is saved beside <paramref name="state"/> (its own
    /// <c>State</c>); null to save the recurrent state only, or when the scorer's state would not fit
    /// <see cref="StateFile.MaxExtraBytes"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive.</exception>
    /// <exception cref="ArgumentException">The scorer's state is larger than <see cref="StateFile.MaxExtraBytes"/>.</exception>
    public StateSaver(StateStore store, RnnState state, TimeSpan interval, TextWriter log, DeviceMetrics? metrics = null, TimeProvider? time = null, AnomalyDetector? scorer = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _store = store;
        _state = state;
        _log = log;
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        Interval = interval;
        _intervalTicks = (long)(interval.TotalSeconds * _time.TimestampFrequency);
        _due = _time.GetTimestamp() + _intervalTicks;
        if (scorer is not null && scorer.ScoringStateSize > StateFile.MaxExtraBytes)
        {
            throw new ArgumentException($"Expected a scorer state of at most {StateFile.MaxExtraBytes} bytes; found {scorer.ScoringStateSize}.", nameof(scorer));
        }

        _snapshot = new byte[state.SerializedSize];
        _scorer = scorer;
        _scorerSnapshot = new byte[scorer?.ScoringStateSize ?? 0];
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "edgernn state saver" };
        _writer.Start();
    }

    /// <summary>The time between periodic saves.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How many saves failed.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Called by the sample loop after each sample: starts a background save when one is due and none is running.</summary>
    /// <param name="sampleIndex">How many samples the stream has processed.</param>
    /// <returns>Whether a save was started.</returns>
    public bool SaveIfDue(long sampleIndex)
    {
        long now = _time.GetTimestamp();
        if (now < _due || Volatile.Read(ref _busy) != 0)
        {
            return false;
        }

        _state.SaveTo(_snapshot);
        _scorer?.SaveScoringState(_scorerSnapshot);
        _snapshotIndex = sampleIndex;
        _due = now + _intervalTicks;
        Volatile.Write(ref _busy, 1);
        _signal.Release();
        return true;
    }

    /// <summary>Saves now on the calling thread (the sample loop, or after it stopped), once any background save has finished, so the newest state is the one left on disk.</summary>
    /// <param name="sampleIndex">How many samples the stream has processed.</param>
    /// <returns>Whether the save succeeded.</returns>
    public bool SaveNow(long sampleIndex)
    {
        SpinWait.SpinUntil(() => Volatile.Read(ref _busy) == 0);
        var bytes = _state.ToBytes();
        var scorer = new byte[_scorerSnapshot.Length];
        _scorer?.SaveScoringState(scorer);
        _due = _time.GetTimestamp() + _intervalTicks;
        return Write(bytes, scorer, sampleIndex);
    }

    /// <summary>Stops the writer thread once any started save is written (does not save; call <see cref="SaveNow"/> first).</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _signal.Release();
        _writer.Join();
        _signal.Dispose();
    }

    private void WriteLoop()
    {
        while (true)
        {
            _signal.Wait();
            if (Volatile.Read(ref _busy) != 0)
            {
                Write(_snapshot, _scorerSnapshot, _snapshotIndex);
                Volatile.Write(ref _busy, 0);
            }

            if (_stopping)
            {
                return;
            }
        }
    }

    private bool Write(byte[] bytes, byte[] scorer, long sampleIndex)
    {
        lock (_writing)
        {
            try
            {
                _store.Save(bytes, sampleIndex, scorer);
                _metrics?.StateSaved();
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                long failures = Interlocked.Increment(ref _failures);
                if (failures <= 3 || failures % 100 == 0)
                {
                    _log.WriteLine($"state: save #{failures} failed, keeping the last good state: {e.Message}");
                }

                return false;
            }
        }
    }
}
