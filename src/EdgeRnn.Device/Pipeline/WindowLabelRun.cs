using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Samples;
using EdgeRnn.Device.Scores;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Device.Pipeline;

/// <summary>
/// <c>edgernn-device run</c> with a model that has a bidirectional layer (Classify or Label): such a model cannot step one
/// sample at a time, so the samples go into a ring of the last N (<see cref="RunSettings.WindowSamples"/>), and every K
/// (<see cref="RunSettings.WindowEvery"/>) samples the whole window runs through <see cref="RnnWindow"/>: one line with the
/// labels of the window's samples (Label, run-length coded) or the window's class (Classify). Each sample's one reading
/// (<see cref="WindowReadings"/>: with overlapping windows, the one with the most context on its shorter side, as
/// <c>edgernn eval</c> reads) goes to the <c>--scores</c> file (<see cref="LabelsCsv"/>) and, when the source has a label
/// column, to the summary's accuracy and per-class figures (<see cref="LabelTally"/>); samples after the last window's end
/// are never read. <c>--metrics</c> serves samples, windows, window run times and readings by class
/// (<see cref="WindowMetrics"/>). No alarms or state: those belong to anomaly scores. Allocation-free per sample; one string per window line.
/// </summary>
internal static class WindowLabelRun
{
    /// <summary>The window when neither the option nor the model's <c>train.window</c> property gives one.</summary>
    public const int DefaultWindow = 64;

    public static async Task<int> RunAsync(RunSettings settings, RnnModel model, StatusConsole human, ISampleSource? given, CancellationToken stop)
    {
        int window = settings.WindowSamples > 0 ? settings.WindowSamples : StoredWindow(model);
        int every = settings.WindowEvery > 0 ? settings.WindowEvery : window;
        string[] classes = ClassNames(model);
        string[] names = classes.Length == model.OutputSize ? classes : [.. Enumerable.Range(0, model.OutputSize).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        var readings = new WindowReadings(window);
        var tally = new LabelTally(names);
        LabelsCsv? scores = null;
        var metrics = new WindowMetrics(names);
        MetricsServer? server = null;
        bool lastOnly = model.Definition.Metadata.Task == ModelTask.Classify;
        human.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {settings.ModelPath}: bidirectional {model.Definition.Metadata.Task.ToString().ToLowerInvariant()} model, {(model.IsQuantized ? "int8" : "float32")}, checksum 0x{model.Checksum:X8}; labelling the last {window} samples every {every} samples"));
        ISampleSource? source = null;
        long processed = 0;
        long windows = 0;
        try
        {
            if (given is null)
            {
                source = await SampleSources.OpenAsync(settings.Source, settings.SourceOptions, human, stop).ConfigureAwait(false);
            }
            else
            {
                (source, given) = (given, null);
                await source.StartAsync(stop).ConfigureAwait(false);
            }

            human.WriteLine($"source: {source.Description}");
            if (settings.ScoresPath is not null)
            {
                scores = LabelsCsv.Open(settings.ScoresPath, names);
                human.WriteLine($"scores: {settings.ScoresPath} (timestamp,class: one row per read sample)");
            }

            if (settings.Metrics is not null)
            {
                server = MetricsServer.Start(settings.Metrics, metrics.Render, human);
                human.WriteLine($"metrics: http://{server.EndPoint}/metrics");
            }

            int width = model.InputSize;
            var runner = model.CreateWindow(window);
            var ring = new float[window * width];
            var inputs = new float[window * width];
            var outputs = new float[window * model.OutputSize];
            var sample = new SampleBuffer(BinaryFrame.MaxChannels);
            ChannelMap? map = null;
            var line = new StringBuilder();
            try
            {
                while (settings.MaxSamples <= 0 || processed < settings.MaxSamples)
                {
                    if (!await source.ReadAsync(sample, stop).ConfigureAwait(false))
                    {
                        break;
                    }

                    map ??= Bind(model, source, sample.Count, human);
                    if (sample.Count != map.SourceCount)
                    {
                        continue;
                    }

                    map.Apply(sample.Values, ring.AsSpan((int)(processed % window) * width, width));
                    Retire(readings, processed - window, tally, scores, metrics);
                    readings.Admit(processed, sample.TimestampMicroseconds, sample.Label);
                    metrics.RecordSample();
                    processed++;
                    if (processed % every != 0)
                    {
                        continue;
                    }

                    int count = (int)Math.Min(processed, window);
                    for (int i = 0; i < count; i++)
                    {
                        long index = processed - count + i;
                        ring.AsSpan((int)(index % window) * width, width).CopyTo(inputs.AsSpan(i * width, width));
                    }

                    int outputLength = lastOnly ? model.OutputSize : count * model.OutputSize;
                    long started = Stopwatch.GetTimestamp();
                    runner.Run(inputs.AsSpan(0, count * width), outputs.AsSpan(0, outputLength));
                    metrics.RecordWindow(Stopwatch.GetElapsedTime(started));
                    windows++;
                    for (int i = lastOnly ? count - 1 : 0; i < count; i++)
                    {
                        readings.Offer(processed - count + i, i, count, ArgMax(outputs.AsSpan((lastOnly ? 0 : i) * model.OutputSize, model.OutputSize)));
                    }

                    human.WriteLine(Describe(line, processed - count, processed - 1, outputs.AsSpan(0, outputLength), model.OutputSize, classes, lastOnly));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }

            for (long index = Math.Max(0, processed - window); index < processed; index++)
            {
                Retire(readings, index, tally, scores, metrics);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            human.WriteLine("error: " + e.Message.ReplaceLineEndings(" "));
            return source is null || e is InvalidDataException ? DeviceRun.CannotStart : DeviceRun.Failed;
        }
        finally
        {
            scores?.Dispose();
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            if (source is not null)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }

            if (given is not null)
            {
                await given.DisposeAsync().ConfigureAwait(false);
            }
        }

        human.WriteLine(string.Create(CultureInfo.InvariantCulture, $"summary: {processed:N0} samples, {windows:N0} windows labelled{(scores is null ? string.Empty : $", {scores.Written:N0} rows in {settings.ScoresPath}")}"));
        foreach (var line in tally.Describe())
        {
            human.WriteLine(line);
        }

        return DeviceRun.Ok;
    }

    /// <summary>A sample no later window can read: its reading to the tally and the scores file.</summary>
    private static void Retire(WindowReadings readings, long index, LabelTally tally, LabelsCsv? scores, WindowMetrics metrics)
    {
        if (readings.TryRetire(index, out var reading))
        {
            tally.Add(reading.Class, reading.Label);
            metrics.RecordReading(reading.Class);
            scores?.Write(reading.TimestampMicroseconds, reading.Class);
        }
    }

    /// <summary>"LABELS samples a-b: name×n name×m …" (Label, run-length coded) or "CLASS samples a-b: name" (Classify).</summary>
    internal static string Describe(StringBuilder line, long first, long last, ReadOnlySpan<float> outputs, int classCount, string[] classes, bool lastOnly)
    {
        line.Clear();
        line.Append(lastOnly ? "CLASS" : "LABELS").Append(CultureInfo.InvariantCulture, $" samples {first}-{last}:");
        int previous = -1;
        int run = 0;
        for (int t = 0; t < outputs.Length / classCount; t++)
        {
            int best = ArgMax(outputs.Slice(t * classCount, classCount));
            if (best != previous && run > 0)
            {
                Append(line, classes, previous, run, lastOnly);
                run = 0;
            }

            previous = best;
            run++;
        }

        Append(line, classes, previous, run, lastOnly);
        return line.ToString();
    }

    private static void Append(StringBuilder line, string[] classes, int label, int run, bool lastOnly)
    {
        line.Append(' ').Append(label < classes.Length ? classes[label] : label.ToString(CultureInfo.InvariantCulture));
        if (!lastOnly)
        {
            line.Append(CultureInfo.InvariantCulture, $"×{run}");
        }
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }

    private static ChannelMap Bind(RnnModel model, ISampleSource source, int count, StatusConsole human)
    {
        var features = model.Definition.Metadata.FeatureNames;
        IReadOnlyList<string> names = source.ChannelNames.Count == count ? source.ChannelNames : ChannelNaming.Default(count);
        var map = ChannelMap.Create(features.Count == model.InputSize ? features : ChannelNaming.Default(model.InputSize), names, count);
        if (map.Note is not null)
        {
            human.WriteLine("warning: " + map.Note);
        }

        return map;
    }

    private static int StoredWindow(RnnModel model) =>
        model.Definition.Metadata.Properties.TryGetValue("train.window", out string? text)
        && int.TryParse(text, CultureInfo.InvariantCulture, out int stored) && stored is > 0 and <= RnnWindow.MaxWindow
            ? stored
            : DefaultWindow;

    private static string[] ClassNames(RnnModel model)
    {
        if (!model.Definition.Metadata.Properties.TryGetValue("classes", out string? json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? [.. document.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString())]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
