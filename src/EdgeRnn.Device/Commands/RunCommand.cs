using System.CommandLine;
using System.Globalization;
using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Alarms.Mqtt;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Runtime;

namespace EdgeRnn.Device.Commands;

/// <summary><c>edgernn-device run</c>: a model on a live sensor stream, with alarms, metrics and a persisted state.</summary>
internal static class RunCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    internal static Command Create()
    {
        var options = new RunOptions();
        options.Model.Required = true;
        options.Source.Required = true;
        var command = new Command("run", "Score a sensor stream sample by sample with a model, raise alarms (console, JSON lines, a GPIO line), serve metrics and keep the state across restarts.");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => Invoke(parseResult, options, parseResult.GetRequiredValue(options.Model), parseResult.GetRequiredValue(options.Source)));
        return command;
    }

    /// <summary>Reads the options, runs until the source ends or SIGTERM/Ctrl-C, and returns the exit code.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="options">The options.</param>
    /// <param name="model">The model path.</param>
    /// <param name="source">The source spec text.</param>
    /// <returns>The exit code (<see cref="DeviceRun"/>).</returns>
    internal static int Invoke(ParseResult parseResult, RunOptions options, string model, string source)
    {
        RunSettings settings;
        try
        {
            settings = Settings(parseResult, options, model, source);
        }
        catch (FormatException e)
        {
            parseResult.InvocationConfiguration.Error.WriteLine("error: " + e.Message);
            return DeviceRun.CannotStart;
        }

        var output = RunOutput.Console(settings.Alarms.Any(a => a is JsonAlarmSpec { Path: null }));
        using var stop = new CancellationTokenSource();
        using var signals = new ShutdownSignals(stop);
        return DeviceRun.RunAsync(settings, output, stop.Token).GetAwaiter().GetResult();
    }

    /// <summary>Turns the parsed options into settings.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="options">The options.</param>
    /// <param name="model">The model path.</param>
    /// <param name="source">The source spec text.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="FormatException">A value is malformed or out of range; the message names the option.</exception>
    internal static RunSettings Settings(ParseResult parseResult, RunOptions options, string model, string source)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(options);
        double rate = parseResult.GetValue(options.Rate);
        Check(rate > 0 && rate <= 100_000, "--rate", "a rate in (0, 100000] Hz", rate);
        double stateInterval = parseResult.GetValue(options.StateInterval);
        Check(stateInterval >= 0.1 && stateInterval <= 86_400, "--state-interval", "seconds in [0.1, 86400]", stateInterval);
        double statusInterval = parseResult.GetValue(options.StatusInterval);
        Check(statusInterval >= 0.1 && statusInterval <= 86_400, "--status-interval", "seconds in [0.1, 86400]", statusInterval);
        int queue = parseResult.GetValue(options.Queue);
        Check(queue >= 1 && queue <= 1_000_000, "--queue", "a count in [1, 1000000]", queue);
        int faultSamples = parseResult.GetValue(options.FaultSamples);
        Check(faultSamples >= 1, "--fault-samples", "a count of 1 or more", faultSamples);
        int? minSamples = parseResult.GetValue(options.MinSamples);
        int? clearSamples = parseResult.GetValue(options.ClearSamples);
        Check(minSamples is null or >= 1, "--alarm-min-samples", "a count of 1 or more", minSamples ?? 0);
        Check(clearSamples is null or >= 1, "--alarm-clear-samples", "a count of 1 or more", clearSamples ?? 0);
        float? threshold = parseResult.GetValue(options.Threshold);
        float? clear = parseResult.GetValue(options.Clear);
        Check(threshold is null || threshold is >= 0f and <= 1f, "--alarm-threshold", "a score in [0, 1]", threshold ?? 0);
        Check(clear is null || clear is >= 0f and <= 1f, "--alarm-clear", "a score in [0, 1]", clear ?? 0);
        Check(clear is null || clear <= (threshold ?? 1f), "--alarm-clear", "a score at most --alarm-threshold", clear ?? 0);
        long maxSamples = parseResult.GetValue(options.MaxSamples);
        Check(maxSamples >= 0, "--max-samples", "0 or more", maxSamples);
        int grace = parseResult.GetValue(options.LabelGrace);
        Check(grace >= 0, "--label-grace", "0 or more", grace);
        int windowSamples = parseResult.GetValue(options.WindowSamples);
        Check(windowSamples is >= 0 and <= RnnWindow.MaxWindow, "--window-samples", $"0 to {RnnWindow.MaxWindow}", windowSamples);
        int windowEvery = parseResult.GetValue(options.WindowEvery);
        Check(windowEvery >= 0, "--window-every", "0 or more", windowEvery);

        var alarms = (parseResult.GetValue(options.Alarm) ?? []).Select(AlarmSpec.Parse).ToArray();
        if (alarms.Count(a => a is JsonAlarmSpec { Path: null }) > 1)
        {
            throw new FormatException("Expected --alarm json (standard output) at most once; found it more than once.");
        }

        if (alarms.Count(a => a is MqttAlarmSpec) > 1)
        {
            throw new FormatException("Expected --alarm mqtt:// at most once (one broker per device; a bridge between brokers reaches more); found it more than once.");
        }

        var metricsResult = parseResult.GetResult(options.Metrics);
        string? metricsText = parseResult.GetValue(options.Metrics);
        var metrics = metricsResult is null ? null
            : string.IsNullOrEmpty(metricsText) ? MetricsEndpoint.Default
            : MetricsEndpoint.Parse(metricsText, parseResult.GetValue(options.MetricsPublic));
        return new RunSettings
        {
            ModelPath = model,
            Source = SourceSpec.Parse(source),
            SourceOptions = new SourceOptions
            {
                Speed = SourceSpec.ParseSpeed(parseResult.GetValue(options.Speed) ?? "1"),
                NominalRate = rate,
                QueueCapacity = queue,
            },
            Alarms = alarms,
            Policy = new AlarmOverrides { RaiseThreshold = threshold, ClearThreshold = clear, MinRaiseSamples = minSamples, MinClearSamples = clearSamples },
            FaultSamples = faultSamples,
            Metrics = metrics,
            ScoresPath = parseResult.GetValue(options.Scores),
            StateDirectory = parseResult.GetValue(options.State),
            StateInterval = TimeSpan.FromSeconds(stateInterval),
            Int8 = parseResult.GetValue(options.Int8),
            MaxSamples = maxSamples,
            View = parseResult.GetValue(options.View),
            StatusInterval = TimeSpan.FromSeconds(statusInterval),
            LabelGrace = grace,
            WindowSamples = windowSamples,
            WindowEvery = windowEvery,
        };
    }

    private static void Check(bool valid, string option, string expected, double found)
    {
        if (!valid)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Expected {option} to be {expected}; found {found}."));
        }
    }
}
