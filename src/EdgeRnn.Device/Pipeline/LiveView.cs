using System.Globalization;

namespace EdgeRnn.Device.Pipeline;

/// <summary>
/// The status of a run on its own thread, never on the sample loop: samples, samples per second, mean step latency,
/// current score, alarms, faults, bad input. Live mode redraws one line in place four times a second; lines mode writes
/// one line per interval. Each tick also carries the source's counters into the metrics (<see cref="SourceCountersSync"/>).
/// </summary>
internal sealed class LiveView : IDisposable
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(250);
    private readonly StatusConsole _console;
    private readonly Func<RunStatus> _status;
    private readonly Action _tick;
    private readonly bool _live;
    private readonly Timer? _timer;
    private readonly Lock _gate = new();
    private RunStatus _previous;
    private bool _disposed;

    /// <summary>Starts the view.</summary>
    /// <param name="console">The human output.</param>
    /// <param name="view">Live, lines or none (auto must be resolved by the caller).</param>
    /// <param name="interval">The time between lines in lines mode.</param>
    /// <param name="status">Reads the run's counters (any thread).</param>
    /// <param name="tick">Runs at each tick before the status is read (counters sync), also in mode none.</param>
    public LiveView(StatusConsole console, StatusView view, TimeSpan interval, Func<RunStatus> status, Action tick)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(tick);
        _console = console;
        _status = status;
        _tick = tick;
        _live = view == StatusView.Live;
        View = view;
        _previous = status();
        TimeSpan period = _live ? LiveInterval : view == StatusView.Lines ? interval : TimeSpan.FromSeconds(1);
        _timer = new Timer(_ => Tick(), null, period, period);
    }

    /// <summary>The mode shown.</summary>
    public StatusView View { get; }

    /// <summary>One status line from two readings of the counters.</summary>
    /// <param name="now">The current counters.</param>
    /// <param name="before">The counters at the previous tick.</param>
    /// <returns>The text, without a newline.</returns>
    public static string Format(in RunStatus now, in RunStatus before)
    {
        double seconds = (now.Elapsed - before.Elapsed).TotalSeconds;
        long samples = now.Samples - before.Samples;
        double rate = seconds > 0 ? samples / seconds : 0;
        double stepMicros = samples > 0 ? (now.StepSeconds - before.StepSeconds) / samples * 1e6 : 0;
        var culture = CultureInfo.InvariantCulture;
        string alarm = now.AlarmActive ? "ALARM" : "ok";
        string faults = now.FaultedChannels > 0 ? string.Create(culture, $" | SENSOR FAULT ×{now.FaultedChannels}") : string.Empty;
        return string.Create(
            culture,
            $"{now.Samples,10:N0} samples | {rate,9:N0}/s | step {stepMicros,6:0.00} µs | score {now.Score:0.0000} | {alarm,-5} | raised {now.AlarmsRaised} | bad {now.BadFrames} | dropped {now.Dropped}{faults}");
    }

    /// <summary>Stops the view and erases a live line.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
        }

        _tick();
        if (_live)
        {
            _console.ClearStatus();
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _tick();
            if (View is StatusView.None)
            {
                return;
            }

            RunStatus now = _status();
            string text = Format(now, _previous);
            _previous = now;
            if (_live)
            {
                _console.ShowStatus(text);
            }
            else
            {
                _console.WriteLine(text);
            }
        }
    }
}
