using System.Net;
using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Specs;

namespace EdgeRnn.Device.Pipeline;

/// <summary>How the live view is shown.</summary>
internal enum StatusView
{
    /// <summary>Live when the human output is a terminal, else a status line every <see cref="RunSettings.StatusInterval"/>.</summary>
    Auto,

    /// <summary>One status line redrawn in place a few times per second.</summary>
    Live,

    /// <summary>A status line every <see cref="RunSettings.StatusInterval"/> (for logs and journald).</summary>
    Lines,

    /// <summary>No status, only events, warnings and the summary.</summary>
    None,
}

/// <summary>Everything <c>edgernn-device run</c> was asked to do, from its options.</summary>
internal sealed record RunSettings
{
    /// <summary>The model file (.ernn).</summary>
    public required string ModelPath { get; init; }

    /// <summary>Where samples come from.</summary>
    public required SourceSpec Source { get; init; }

    /// <summary>Source settings (speed, rate, queue capacity, reconnect back-off, sensor read retries).</summary>
    public SourceOptions SourceOptions { get; init; } = new();

    /// <summary>Where alarm events go; console when empty.</summary>
    public IReadOnlyList<AlarmSpec> Alarms { get; init; } = [];

    /// <summary>The alarm decision's settings the user gave; the rest are the model's defaults.</summary>
    public AlarmOverrides Policy { get; init; } = new();

    /// <summary>Consecutive invalid samples of a channel tolerated before a sensor-fault alarm.</summary>
    public int FaultSamples { get; init; } = SensorFaultMonitor.DefaultMaxInvalidSamples;

    /// <summary>Where the Prometheus endpoint listens, or null for none.</summary>
    public IPEndPoint? Metrics { get; init; }

    /// <summary>The <c>--scores</c> file (one row per sample: timestamp, score, alarm, change point), or null for none.</summary>
    public string? ScoresPath { get; init; }

    /// <summary>The directory of the saved state, or null to keep no state.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>How often the state is saved while running.</summary>
    public TimeSpan StateInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Quantize a float model to int8 when loading it.</summary>
    public bool Int8 { get; init; }

    /// <summary>Stop after this many samples; 0 for no limit.</summary>
    public long MaxSamples { get; init; }

    /// <summary>How the status is shown.</summary>
    public StatusView View { get; init; } = StatusView.Auto;

    /// <summary>The time between status lines in <see cref="StatusView.Lines"/>.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Samples after a labelled anomaly during which an alarm still counts for it (the summary's tally).</summary>
    public int LabelGrace { get; init; } = 100;

    /// <summary>A bidirectional labelling model: the samples in each window, N; 0 for the model's <c>train.window</c> (else 64).</summary>
    public int WindowSamples { get; init; }

    /// <summary>A bidirectional labelling model: a window runs every K samples; 0 for every N (windows side by side).</summary>
    public int WindowEvery { get; init; }
}
