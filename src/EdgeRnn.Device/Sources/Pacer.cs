using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace EdgeRnn.Device.Sources;

/// <summary>
/// Waits until a moment on the <see cref="Stopwatch"/> clock without allocating per wait (one timer, one reusable
/// value-task source), to pace replays and simulated sensors. Due times in the past return at once, so a late reader
/// catches up instead of drifting. One wait at a time.
/// </summary>
internal sealed class Pacer : IValueTaskSource, IDisposable
{
    private const int Idle = 0;
    private const int Waiting = 1;

    private readonly Timer _timer;
    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _registration;
    private long _due;
    private int _state;

    /// <summary>Creates a pacer.</summary>
    public Pacer()
    {
        _core.RunContinuationsAsynchronously = true;
        _timer = new Timer(static state => ((Pacer)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The Stopwatch timestamp <paramref name="seconds"/> after <paramref name="start"/>.</summary>
    /// <param name="start">A <see cref="Stopwatch.GetTimestamp"/> value.</param>
    /// <param name="seconds">Seconds after it.</param>
    /// <returns>The later timestamp.</returns>
    public static long After(long start, double seconds) => start + (long)(seconds * Stopwatch.Frequency);

    /// <summary>Waits until <see cref="Stopwatch.GetTimestamp"/> reaches <paramref name="dueTimestamp"/>.</summary>
    /// <param name="dueTimestamp">The moment, on the Stopwatch clock.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task completing at (or up to a timer tick after) the moment.</returns>
    public ValueTask WaitUntilAsync(long dueTimestamp, CancellationToken cancellationToken)
    {
        long remaining = dueTimestamp - Stopwatch.GetTimestamp();
        if (remaining <= 0)
        {
            return default;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) != Idle)
        {
            throw new InvalidOperationException("Expected one wait at a time on a Pacer; found a second concurrent wait.");
        }

        _core.Reset();
        Volatile.Write(ref _due, dueTimestamp);
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((Pacer)state!).Complete(token), this);
        }

        _timer.Change(Milliseconds(remaining), Timeout.Infinite);
        return new ValueTask(this, _core.Version);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _timer.Dispose();
        _registration.Dispose();
    }

    void IValueTaskSource.GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            _registration.Dispose();
            _registration = default;
        }
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(
        Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private static long Milliseconds(long ticks) => Math.Max(1, (long)Math.Ceiling(ticks * 1000.0 / Stopwatch.Frequency));

    private void OnTimer()
    {
        // Timers run on a coarser clock than Stopwatch and can fire a little early: wait out the rest.
        long remaining = Volatile.Read(ref _due) - Stopwatch.GetTimestamp();
        if (remaining > 0 && Volatile.Read(ref _state) == Waiting)
        {
            _timer.Change(Milliseconds(remaining), Timeout.Infinite);
            return;
        }

        Complete(default);
    }

    private void Complete(CancellationToken canceled)
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Waiting) != Waiting)
        {
            return;
        }

        if (canceled.IsCancellationRequested)
        {
            _core.SetException(new OperationCanceledException(canceled));
        }
        else
        {
            _core.SetResult(true);
        }
    }
}
