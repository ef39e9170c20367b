using System.Globalization;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Sources;

namespace EdgeRnn.Device.Pipeline;

/// <summary>
/// Carries a source's counters (bad frames by reason, non-finite samples, dropped samples, reconnects) into the
/// <see cref="DeviceMetrics"/>, and logs bad input at a bounded rate: at most one line per <see cref="LogInterval"/>, with
/// what came in since the last line. Called from the status thread (live view, metrics scrape) and at the end of the run,
/// never from the sample loop; thread-safe.
/// </summary>
internal sealed class SourceCountersSync
{
    private readonly SourceStatistics _source;
    private readonly DeviceMetrics _metrics;
    private readonly TextWriter _log;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly long[] _badSeen = new long[BadFrameReasonNames.All.Count];
    private readonly long[] _badLogged = new long[BadFrameReasonNames.All.Count];
    private long _droppedSeen;
    private long _droppedLogged;
    private long _nonFiniteLogged;
    private long _reconnectsSeen;
    private long _lastLog = long.MinValue;

    /// <summary>Creates the bridge and registers every bad-frame reason with a count of 0.</summary>
    /// <param name="source">The source's counters.</param>
    /// <param name="metrics">The metrics to update.</param>
    /// <param name="log">Where bad input is reported.</param>
    /// <param name="time">The clock of the rate limit.</param>
    public SourceCountersSync(SourceStatistics source, DeviceMetrics metrics, TextWriter log, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(log);
        _source = source;
        _metrics = metrics;
        _log = log;
        _time = time ?? TimeProvider.System;
        foreach (BadFrameReason reason in BadFrameReasonNames.All)
        {
            metrics.BadFrames.Register(reason.WireName());
        }
    }

    /// <summary>The shortest time between two log lines about bad input.</summary>
    public static TimeSpan LogInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Log lines written so far.</summary>
    public long LinesLogged { get; private set; }

    /// <summary>Copies what changed into the metrics, and logs it when the last line is old enough.</summary>
    /// <param name="force">Log now whatever is pending, whatever the rate limit (the end of a run).</param>
    public void Sync(bool force = false)
    {
        lock (_gate)
        {
            FrameCounters frames = _source.Frames;
            foreach (BadFrameReason reason in BadFrameReasonNames.All)
            {
                long total = frames.BadFramesOf(reason);
                long delta = total - _badSeen[(int)reason];
                if (delta > 0)
                {
                    _metrics.BadFrame(reason.WireName(), delta);
                    _badSeen[(int)reason] = total;
                }
            }

            long dropped = _source.Dropped;
            if (dropped > _droppedSeen)
            {
                _metrics.SamplesDropped(dropped - _droppedSeen);
                _droppedSeen = dropped;
            }

            for (long reconnects = _source.Reconnects; _reconnectsSeen < reconnects; _reconnectsSeen++)
            {
                _metrics.SourceReconnected();
            }

            LogIfDue(force);
        }
    }

    private void LogIfDue(bool force)
    {
        long now = _time.GetTimestamp();
        if (!force && _lastLog != long.MinValue && _time.GetElapsedTime(_lastLog, now) < LogInterval)
        {
            return;
        }

        var parts = new List<string>();
        for (int i = 0; i < _badSeen.Length; i++)
        {
            if (_badSeen[i] > _badLogged[i])
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{_badSeen[i] - _badLogged[i]} {BadFrameReasonNames.All[i].WireName()}"));
                _badLogged[i] = _badSeen[i];
            }
        }

        long nonFinite = _source.Frames.NonFiniteFrames;
        if (nonFinite > _nonFiniteLogged)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{nonFinite - _nonFiniteLogged} with NaN or infinite values (last valid value held)"));
            _nonFiniteLogged = nonFinite;
        }

        if (_droppedSeen > _droppedLogged)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{_droppedSeen - _droppedLogged} dropped (inference behind the source)"));
            _droppedLogged = _droppedSeen;
        }

        if (parts.Count == 0)
        {
            return;
        }

        _lastLog = now;
        LinesLogged++;
        _log.WriteLine($"input: {string.Join(", ", parts)}");
    }
}
