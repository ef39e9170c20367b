using System.CommandLine;
using System.Globalization;
using EdgeRnn.Device.Alarms;
using EdgeRnn.Runtime.Streaming;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Sources.Specs;

namespace EdgeRnn.Device.Commands;

/// <summary>The options of <c>edgernn-device run</c> (and of the demo, which fills some with bundled defaults).</summary>
internal sealed class RunOptions
{
    /// <summary>--model.</summary>
    public Option<string> Model { get; } = new("--model") { Description = "The .ernn model file (trained by `edgernn train`, with its anomaly scoring)." };

    /// <summary>--source.</summary>
    public Option<string> Source { get; } = new("--source")
    {
        Description = "Where samples come from: csv:<path>, stdin, tcp://127.0.0.1:<port>[?format=csv|binary|auto], udp://127.0.0.1:<port>[?format=...], "
            + "sim:pump[?seed=1&rate=10&count=N&speed=1&fault=spike@2000,...], i2c:<bus>:<address>:" + string.Join('|', SensorFactory.I2cDrivers) + " (read at --rate), iio:<device>.",
    };

    /// <summary>--alarm.</summary>
    public Option<string[]> Alarm { get; } = new("--alarm")
    {
        Description = $"Where alarm events go, repeatable: {AlarmSpec.Forms}. Default: console. "
            + "mqtt://[user:password@]host[:port]/<topic-prefix>[?client-id=edgernn-<host>&score-interval=5s&queue=1000&discovery=homeassistant|off] "
            + "publishes events (QoS 1), the alarm state and availability (retained, last will offline) and the score (at most once per score-interval) "
            + "with Home Assistant discovery; queue: events kept while the broker is away (the oldest dropped beyond it, counted).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>--metrics.</summary>
    public Option<string?> Metrics { get; } = new("--metrics")
    {
        Description = "Serve Prometheus metrics over HTTP at <ip>:<port> (127.0.0.1:9108 when given without a value). Loopback unless --metrics-public.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>--metrics-public.</summary>
    public Option<bool> MetricsPublic { get; } = new("--metrics-public") { Description = "Allow --metrics on a wildcard address (0.0.0.0, [::]): every interface." };

    /// <summary>--scores.</summary>
    public Option<string?> Scores { get; } = new("--scores")
    {
        Description = "Write one CSV row per sample to this file (created or truncated): timestamp,score,alarm,change_point. "
            + "Written off the sample loop; when the writer falls behind, a recording, stdin or sim: source waits for it (every row is written), "
            + "a live source drops rows and counts them. A bidirectional classify/label model writes timestamp,class for each sample a window read.",
    };

    /// <summary>--state.</summary>
    public Option<string?> State { get; } = new("--state") { Description = "Directory of the saved recurrent state: restored at start when it belongs to the model, saved periodically and on SIGTERM/Ctrl-C (atomically)." };

    /// <summary>--state-interval.</summary>
    public Option<double> StateInterval { get; } = new("--state-interval") { Description = "Seconds between state saves.", DefaultValueFactory = _ => 60 };

    /// <summary>--speed.</summary>
    public Option<string> Speed { get; } = new("--speed") { Description = "Replay speed of csv: sources relative to their timestamps (10 = ten times real time), or max (as fast as possible).", DefaultValueFactory = _ => "1" };

    /// <summary>--rate.</summary>
    public Option<double> Rate { get; } = new("--rate") { Description = "Reads per second of i2c:/iio: sensors; also the sample rate assumed for CSV lines without timestamps.", DefaultValueFactory = _ => 100 };

    /// <summary>--int8.</summary>
    public Option<bool> Int8 { get; } = new("--int8") { Description = "Quantize a float32 model to int8 when loading it (an int8 model runs as it is)." };

    /// <summary>--alarm-threshold.</summary>
    public Option<float?> Threshold { get; } = new("--alarm-threshold") { Description = "Score in [0, 1] at or above which a sample counts towards raising the alarm. Default: the threshold calibrated in the model." };

    /// <summary>--alarm-clear.</summary>
    public Option<float?> Clear { get; } = new("--alarm-clear") { Description = $"Score below which a sample counts towards clearing. Default: the raise threshold − {AlarmPolicyOptions.DefaultHysteresis.ToString(CultureInfo.InvariantCulture)}; the raise threshold itself for a model that carries its detector." };

    /// <summary>--alarm-min-samples.</summary>
    public Option<int?> MinSamples { get; } = new("--alarm-min-samples") { Description = "Consecutive samples at or above the threshold needed to raise the alarm. Default: 3; 1 for a model that carries its detector (its score is already smoothed and held off)." };

    /// <summary>--alarm-clear-samples.</summary>
    public Option<int?> ClearSamples { get; } = new("--alarm-clear-samples") { Description = "Consecutive samples below the clear threshold needed to clear it. Default: 3; 1 for a model that carries its detector." };

    /// <summary>--fault-samples.</summary>
    public Option<int> FaultSamples { get; } = new("--fault-samples") { Description = "Consecutive invalid values (NaN, infinite) of a channel tolerated; one more raises a sensor-fault alarm. Meanwhile its last valid value is held.", DefaultValueFactory = _ => SensorFaultMonitor.DefaultMaxInvalidSamples };

    /// <summary>--queue.</summary>
    public Option<int> Queue { get; } = new("--queue") { Description = "Samples tcp:/udp: sources hold when inference falls behind; beyond it the oldest are dropped and counted.", DefaultValueFactory = _ => 1024 };

    /// <summary>--max-samples.</summary>
    public Option<long> MaxSamples { get; } = new("--max-samples") { Description = "Stop after this many samples (0: run until the source ends or SIGTERM/Ctrl-C).", DefaultValueFactory = _ => 0 };

    /// <summary>--view.</summary>
    public Option<StatusView> View { get; } = new("--view") { Description = "Status display: auto (live on a terminal, else lines), live, lines (one every --status-interval), none.", DefaultValueFactory = _ => StatusView.Auto };

    /// <summary>--status-interval.</summary>
    public Option<double> StatusInterval { get; } = new("--status-interval") { Description = "Seconds between status lines in lines view.", DefaultValueFactory = _ => 10 };

    /// <summary>--label-grace.</summary>
    public Option<int> LabelGrace { get; } = new("--label-grace") { Description = "For recordings with a label column: samples after a labelled anomaly during which an alarm still counts for it in the summary.", DefaultValueFactory = _ => 100 };

    /// <summary>--window-samples.</summary>
    public Option<int> WindowSamples { get; } = new("--window-samples") { Description = "A bidirectional classify/label model: label the last N samples (0: the model's training window, else 64).", DefaultValueFactory = _ => 0 };

    /// <summary>--window-every.</summary>
    public Option<int> WindowEvery { get; } = new("--window-every") { Description = "A bidirectional classify/label model: run the window every K samples (0: every --window-samples, windows side by side).", DefaultValueFactory = _ => 0 };

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All =>
    [
        Model, Source, Alarm, Scores, Metrics, MetricsPublic, State, StateInterval, Speed, Rate, Int8, Threshold, Clear, MinSamples,
        ClearSamples, FaultSamples, Queue, MaxSamples, View, StatusInterval, LabelGrace, WindowSamples, WindowEvery,
    ];
}
