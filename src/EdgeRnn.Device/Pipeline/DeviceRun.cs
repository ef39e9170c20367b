using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Alarms.Mqtt;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Persistence;
using EdgeRnn.Device.Scores;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Device.Pipeline;

/// <summary>
/// One run of <c>edgernn-device run</c>: loads the model, restores the state, opens the alarm outputs, the scores file, the
/// metrics endpoint and the source, runs the <see cref="SamplePipeline"/> with its status view until the source ends or a
/// stop is asked, then saves the state, releases every output (the GPIO line goes inactive, the scores file is written out
/// and closed) and prints the summary.
/// </summary>
internal static class DeviceRun
{
    /// <summary>Exit code of a run that ended normally (end of a finite source, sample limit, SIGTERM or Ctrl-C).</summary>
    public const int Ok = 0;

    /// <summary>Exit code when the source or an output failed while running.</summary>
    public const int Failed = 1;

    /// <summary>Exit code when the run could not start: model, source, output or settings rejected.</summary>
    public const int CannotStart = 2;

    /// <summary>Runs on the source <see cref="RunSettings.Source"/> names.</summary>
    /// <param name="settings">What to run.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="stop">Stops the run normally (signals).</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(RunSettings settings, RunOutput output, CancellationToken stop) =>
        RunAsync(settings, output, given: null, stop);

    /// <summary>Runs on <paramref name="given"/>, or on the source <see cref="RunSettings.Source"/> names when null.</summary>
    /// <param name="settings">What to run.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="given">A source not yet started, which the run starts where it would open one and always disposes
    /// (tests hand in a sensor on a simulated bus); null to open <see cref="RunSettings.Source"/>.</param>
    /// <param name="stop">Stops the run normally (signals).</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(RunSettings settings, RunOutput output, ISampleSource? given, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var human = new StatusConsole(output.Human);
        if (!TryLoad(settings, human, out AnomalyDetector? detector, out RnnModel? windowed))
        {
            if (windowed is not null)
            {
                if (settings.Alarms.Count > 0 || settings.StateDirectory is not null)
                {
                    human.WriteLine("note: --alarm and --state apply to anomaly scores; a bidirectional labelling model prints its labels (with --scores and --metrics besides) only");
                }

                return await WindowLabelRun.RunAsync(settings, windowed, human, given, stop).ConfigureAwait(false);
            }

            if (given is not null)
            {
                await given.DisposeAsync().ConfigureAwait(false);
            }

            return CannotStart;
        }

        var metrics = new DeviceMetrics();
        StateStore? store = null;
        var sinks = new List<IAlarmSink>();
        AlarmMonitor? monitor = null;
        MqttAlarmSink? mqtt = null;
        ISampleSource? source = null;
        MetricsServer? server = null;
        StateSaver? saver = null;
        ScoresWriter? scores = null;
        SamplePipeline? pipeline = null;
        SourceCountersSync? sync = null;
        var clock = Stopwatch.StartNew();
        int exit = Ok;
        string ending = "stopped";
        try
        {
            if (settings.StateDirectory is not null && !detector.HasState)
            {
                human.WriteLine("warning: --state is ignored: the model is an encoder-decoder, which keeps a window of recent samples rather than a recurrent state; the state file holds the latter, so a restart scores from an empty window");
            }
            else if (settings.StateDirectory is not null)
            {
                store = new StateStore(settings.StateDirectory, human);
                ScorerState.Restore(store.Load(detector.State).Saved, detector, human);
            }

            foreach (AlarmSpec spec in settings.Alarms.Count > 0 ? settings.Alarms : [new ConsoleAlarmSpec()])
            {
                sinks.Add(AlarmSinks.Create(spec, human, output.StandardOutput, output.OpenLine));
            }

            mqtt = sinks.OfType<MqttAlarmSink>().FirstOrDefault();
            if (mqtt is not null)
            {
                MqttAlarmSink broker = mqtt;
                metrics.Mqtt = () => broker.Status;
            }

            sinks.Add(new MetricsAlarmSink(metrics));
            var policy = new AlarmPolicy(settings.Policy.Over(AlarmPolicyOptions.For(detector)), detector.Threshold);
            monitor = AlarmMonitor.ForDetector(detector, policy, new SensorFaultMonitor(detector.SampleSize, settings.FaultSamples), sinks, human);
            sinks.Clear();
            if (settings.ScoresPath is not null)
            {
                scores = ScoresWriter.Open(settings.ScoresPath, ScoresOverflows.For(settings.Source), metrics);
                human.WriteLine("scores: " + settings.ScoresPath + (scores.Overflow == ScoresOverflow.Wait
                    ? ", one row per sample (the run waits for the writer when it falls behind)"
                    : ", one row per sample (rows dropped and counted when the writer falls behind)"));
            }

            if (given is null)
            {
                source = await SampleSources.OpenAsync(settings.Source, settings.SourceOptions, output.Human, stop).ConfigureAwait(false);
            }
            else
            {
                (source, given) = (given, null);
                await source.StartAsync(stop).ConfigureAwait(false);
            }

            sync = new SourceCountersSync(source.Statistics, metrics, human);
            if (settings.Metrics is not null)
            {
                SourceCountersSync bridge = sync;
                server = MetricsServer.Start(settings.Metrics, () =>
                {
                    bridge.Sync();
                    return metrics.Render();
                }, human);
                human.WriteLine($"metrics: http://{server.EndPoint}/metrics");
            }

            if (store is not null)
            {
                bool withScorer = ScorerState.Fits(detector);
                if (!withScorer)
                {
                    human.WriteLine($"state: the scorer's state ({detector.ScoringStateSize} bytes) is over the state file's limit of {StateFile.MaxExtraBytes}: saving the recurrent state only");
                }

                saver = new StateSaver(store, detector.State, settings.StateInterval, human, metrics, scorer: withScorer ? detector : null);
            }

            human.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alarm: raise at score ≥ {policy.RaiseThreshold:0.######} for {policy.MinRaiseSamples} samples, clear below {policy.ClearThreshold:0.######} for {policy.MinClearSamples}; outputs: {string.Join(", ", settings.Alarms.Count > 0 ? settings.Alarms.Select(Describe) : ["console"])}"));
            human.WriteLine($"source: {source.Description}");
            pipeline = new SamplePipeline(source, detector, monitor, metrics, saver, new KnownAnomalyTally(settings.LabelGrace), scores)
            {
                MappingNote = note => human.WriteLine("warning: " + note),
            };
            StatusView view = settings.View == StatusView.Auto ? (output.HumanIsTerminal ? StatusView.Live : StatusView.Lines) : settings.View;
            SamplePipeline running = pipeline;
            AlarmMonitor watched = monitor;
            ISampleSource feeding = source;
            SourceCountersSync counters = sync;
            bool finished;
            using (new LiveView(human, view, settings.StatusInterval, () => Status(clock, running, watched, metrics, feeding), () => counters.Sync()))
            {
                finished = await pipeline.RunAsync(settings.MaxSamples, stop).ConfigureAwait(false);
            }

            ending = !finished ? "stopped by a signal"
                : settings.MaxSamples > 0 && pipeline.Processed >= settings.MaxSamples ? "sample limit reached"
                : "end of the source";
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or NotSupportedException or SocketException
            || (e is IOException or UnauthorizedAccessException && pipeline is null))
        {
            human.WriteLine("error: " + e.Message.ReplaceLineEndings(" "));
            exit = pipeline is null || e is InvalidDataException ? CannotStart : Failed;
            ending = "failed";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            human.WriteLine("error: the source failed: " + e.Message.ReplaceLineEndings(" "));
            exit = Failed;
            ending = "source failed";
        }
        finally
        {
            if (saver is not null && pipeline is not null)
            {
                saver.SaveNow(pipeline.Processed);
            }

            saver?.Dispose();
            scores?.Dispose();
            monitor?.Dispose();
            foreach (var sink in sinks)
            {
                sink.Dispose();
            }

            if (source is not null)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }

            if (given is not null)
            {
                await given.DisposeAsync().ConfigureAwait(false);
            }

            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (scores?.Error is { } failure)
        {
            human.WriteLine($"error: the scores file {settings.ScoresPath} failed: {failure.Message.ReplaceLineEndings(" ")} (rows from then on not written)");
            exit = exit == Ok ? Failed : exit;
        }

        if (pipeline is not null && source is not null && monitor is not null)
        {
            sync?.Sync(force: true);
            new RunSummary(
                source.Description,
                ending,
                Status(clock, pipeline, monitor, metrics, source),
                source.Statistics.Frames.NonFiniteFrames,
                pipeline.Skipped,
                monitor.SensorFaultCount,
                metrics.StateSaves,
                store?.CurrentPath,
                pipeline.Tally,
                pipeline.Clock.HasQuirks ? pipeline.Clock.Describe() : null,
                (monitor.ChangePointsUp, monitor.ChangePointsDown),
                scores is null ? null : (settings.ScoresPath!, scores.Written, scores.Dropped),
                mqtt?.Summary()).WriteTo(human);
        }

        return exit;
    }

    /// <summary>Loads the model's detector; false with <paramref name="windowed"/> set for a bidirectional model, which runs windows (<see cref="WindowLabelRun"/>).</summary>
    private static bool TryLoad(RunSettings settings, TextWriter human, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AnomalyDetector? detector, out RnnModel? windowed)
    {
        detector = null;
        windowed = null;
        RnnModel model;
        try
        {
            model = RnnModel.Load(settings.ModelPath);
            if (settings.Int8 && !model.IsQuantized && model.Definition.IsBidirectional)
            {
                model = RnnModel.FromDefinition(ModelQuantizer.Quantize(model.Definition, out _));
            }

            if (model.Definition.IsSequenceToSequence && model.Definition.Metadata.Task != ModelTask.Reconstruct)
            {
                human.WriteLine($"error: cannot run '{settings.ModelPath}': it is an encoder-decoder ({model.Definition.Metadata.Task.ToString().ToLowerInvariant()}, {model.Definition.Decoder!.Horizon} rows per window), which encodes a whole window before it decodes; edgernn-device runs only reconstruct encoder-decoders, which score each sample against its reconstruction (RnnModel.CreateSequenceDecoder runs forecasters from code).");
                return false;
            }

            if (model.Definition.IsBidirectional)
            {
                if (model.Definition.Metadata.Task is not (ModelTask.Classify or ModelTask.Label))
                {
                    human.WriteLine($"error: cannot run '{settings.ModelPath}': it has a bidirectional layer, which reads each window from its last sample back, so it cannot forecast one sample at a time; edgernn-device runs such a model only for --task classify or label (found {model.Definition.Metadata.Task.ToString().ToLowerInvariant()}).");
                    return false;
                }

                windowed = model;
                return false;
            }

            if (settings.Int8 && !model.IsQuantized)
            {
                model = RnnModel.FromDefinition(ModelQuantizer.Quantize(model.Definition, out _));
            }

            detector = new AnomalyDetector(model);
        }
        catch (Exception e) when (e is ModelFormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            human.WriteLine($"error: cannot run '{settings.ModelPath}': {e.Message.ReplaceLineEndings(" ")}");
            return false;
        }

        var definition = model.Definition;
        string layers = string.Join(" → ", definition.Layers.Select(l => l.HiddenSize.ToString(CultureInfo.InvariantCulture)).Prepend(definition.InputSize.ToString(CultureInfo.InvariantCulture)));
        human.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {settings.ModelPath}: {string.Join("/", definition.Layers.Select(l => l.Kind).Distinct())} {layers}, {(model.IsQuantized ? "int8" : "float32")}, channels {string.Join(", ", ChannelNames(model))}, checksum 0x{model.Checksum:X8}{(definition.Decoder is { } decoder ? $"; encoder-decoder reconstructing windows of {decoder.Horizon} samples, each sample scored by the whole window's reconstruction error" : string.Empty)}"));
        return true;
    }

    private static IEnumerable<string> ChannelNames(RnnModel model) =>
        model.Definition.Metadata.FeatureNames.Count == model.InputSize
            ? model.Definition.Metadata.FeatureNames
            : Enumerable.Range(0, model.InputSize).Select(i => "ch" + i.ToString(CultureInfo.InvariantCulture));

    private static RunStatus Status(Stopwatch clock, SamplePipeline pipeline, AlarmMonitor monitor, DeviceMetrics metrics, ISampleSource source) =>
        new(clock.Elapsed, pipeline.Processed, pipeline.TotalStepSeconds, metrics.Score, monitor.IsActive, monitor.RaisedCount, monitor.FaultedChannels, source.Statistics.Frames.BadFrames, source.Statistics.Dropped);

    private static string Describe(AlarmSpec spec) => spec switch
    {
        ConsoleAlarmSpec => "console",
        JsonAlarmSpec { Path: null } => "json (stdout)",
        JsonAlarmSpec json => "json " + json.Path,
        GpioAlarmSpec gpio => "gpio " + gpio.Line,
        MqttAlarmSpec mqtt => "mqtt " + mqtt.Display,
        _ => spec.ToString() ?? string.Empty,
    };
}
