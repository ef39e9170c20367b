using System.CommandLine;
using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Device.Commands;

/// <summary>
/// <c>edgernn-device bench --model m.ernn [--steps N] [--warmup N] [--streams N]</c>: per-step latency (median, p99) and bytes
/// allocated per step of a model on this machine, float32 and int8, one stream and a batch of streams; for a model that
/// carries a detector, also per sample of the whole detector (<see cref="AnomalyDetector.Process(ReadOnlySpan{float}, DateTime)"/>).
/// </summary>
internal static class BenchCommand
{
    /// <summary>The most measured steps per row; the timings are kept in memory (8 bytes a step).</summary>
    public const int MaxSteps = 10_000_000;

    private static readonly string[] Header = ["Weights", "Streams", "Median µs", "p99 µs", "Mean µs", "Median µs/stream", "Warm-up s", "Bytes/step"];

    private static readonly string[] DetectorHeader = ["Weights", "Forecasters", "Median µs", "p99 µs", "Mean µs", "Warm-up s", "Bytes/sample"];

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    internal static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "The .ernn model file.", Required = true };
        var steps = new Option<int>("--steps") { Description = "Measured steps (or detector samples) per row.", DefaultValueFactory = _ => 10_000 };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured steps run before each row (at least).", DefaultValueFactory = _ => 1_000 };
        var warmupSeconds = new Option<double>("--warmup-seconds")
        {
            Description = "After --warmup steps, each row warms up until the step code has settled (no method compiled and two 0.2 s chunks' medians within 3%), for at most this long; 0 for no waiting. .NET optimises the step code only after it has run for a while (tiered compilation), later on a single core.",
            DefaultValueFactory = _ => 30,
        };
        warmupSeconds.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!(value >= 0 && value <= 600))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--warmup-seconds: expected seconds in [0, 600]; found {value}."));
            }
        });
        var streams = new Option<int>("--streams") { Description = "Streams stepped together in the batched rows.", DefaultValueFactory = _ => 64 };
        AddRange(steps, 1, MaxSteps);
        AddRange(warmup, 0, MaxSteps);
        AddRange(streams, 1, 4096);
        var command = new Command("bench", "Measure per-step latency and allocation of a model on this machine, float32 and int8, single and batched; per sample of its detector when it carries one.")
        {
            model, steps, warmup, warmupSeconds, streams,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var file = parseResult.GetRequiredValue(model);
            RnnModel loaded;
            try
            {
                loaded = RnnModel.Load(file.FullName);
            }
            catch (Exception exception) when (exception is ModelFormatException or IOException or UnauthorizedAccessException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine("error: " + exception.Message.ReplaceLineEndings(" "));
                return 1;
            }

            if (loaded.Definition.IsBidirectional)
            {
                parseResult.InvocationConfiguration.Error.WriteLine("error: " + file.Name + " has a bidirectional layer: it runs whole windows (RnnModel.CreateWindow), not the single steps bench measures.");
                return 1;
            }

            Run(output, file.Name, loaded, parseResult.GetValue(steps), new WarmUp(parseResult.GetValue(warmup), TimeSpan.FromSeconds(parseResult.GetValue(warmupSeconds))), parseResult.GetValue(streams));
            return 0;
        });
        return command;
    }

    private static void Run(TextWriter output, string fileName, RnnModel loaded, int steps, WarmUp warmup, int streams)
    {
        var definition = loaded.Definition;
        string layers = string.Join(" → ", definition.Layers.Select(l => l.HiddenSize.ToString(CultureInfo.InvariantCulture)).Prepend(definition.InputSize.ToString(CultureInfo.InvariantCulture)));
        string kinds = string.Join("/", definition.Layers.Select(l => KindName(l.Kind)).Distinct());
        int forecasters = definition.Detector is { } detector ? detector.Members.Count + 1 : 0;
        string carried = forecasters > 0 ? string.Create(CultureInfo.InvariantCulture, $", detector of {forecasters} forecaster{(forecasters == 1 ? "" : "s")}") : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Model: {fileName}, {kinds} {layers}, head → {definition.OutputSize}, {(loaded.IsQuantized ? "int8" : "float32")} weights{carried}"));
        foreach (var (name, value) in MachineFacts.Collect())
        {
            output.WriteLine($"{name + ":",-24}{value}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"Timer overhead:",-24}{BenchMeasurement.TimerOverhead(10_000):F3} µs per timing (included in every figure)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Steps: {steps:N0} measured after at least {warmup.Steps:N0} warm-up steps, then until the step code settled (at most {warmup.Limit.TotalSeconds:0.#} s), one thread."));
        output.WriteLine();

        var rows = new List<string[]> { Header };
        foreach (var (weights, model) in Variants(loaded))
        {
            rows.Add(Row(weights, 1, BenchMeasurement.SingleStream(model, steps, warmup)));
            rows.Add(Row(weights, streams, BenchMeasurement.Batch(model, streams, steps, warmup)));
        }

        WriteTable(output, rows);
        output.WriteLine();
        output.WriteLine("Times are per call: one step of one stream, or one step of all streams of a batch.");
        if (forecasters > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The step rows run one forecaster (the model's first) of the detector's {forecasters}."));
            output.WriteLine();
            output.WriteLine("Detector, per sample (AnomalyDetector.Process: every forecaster's step, the error against their mean forecast, the likelihood, change points):");
            var detectorRows = new List<string[]> { DetectorHeader };
            foreach (var (weights, model) in Variants(loaded))
            {
                detectorRows.Add(DetectorRow(weights, forecasters, BenchMeasurement.Detector(model, steps, warmup)));
            }

            WriteTable(output, detectorRows);
            output.WriteLine();
            output.WriteLine("Times are per sample of one stream, timestamps one sample period apart.");
        }

        output.WriteLine(loaded.IsQuantized
            ? "The file holds int8 weights; the float32 rows run the same weights dequantized (the original float32 ones are not in the file)."
            : "The file holds float32 weights; the int8 rows run a copy quantized at load (symmetric per row, as edgernn quantize writes).");
    }

    /// <summary>
    /// The models to measure: a float32 model and its int8 quantization; an int8 model and its dequantized float32 copy
    /// (the same weights at float32 speed; the original float32 weights are not in an int8 file).
    /// </summary>
    private static IEnumerable<(string Weights, RnnModel Model)> Variants(RnnModel loaded)
    {
        if (loaded.IsQuantized)
        {
            yield return ("float32 (dequantized)", RnnModel.FromDefinition(Dequantize(loaded.Definition)));
            yield return ("int8", loaded);
        }
        else
        {
            yield return ("float32", loaded);
            yield return ("int8 (quantized)", RnnModel.FromDefinition(ModelQuantizer.Quantize(loaded.Definition, out _)));
        }
    }

    private static string KindName(CellKind kind) => kind switch
    {
        CellKind.RnnTanh => "RNN (tanh)",
        CellKind.RnnRelu => "RNN (relu)",
        CellKind.Lstm => "LSTM",
        CellKind.Gru => "GRU",
        _ => kind.ToString(),
    };

    private static ModelDefinition Dequantize(ModelDefinition definition)
    {
        static WeightMatrix ToFloat(WeightMatrix matrix) => WeightMatrix.FromFloat(matrix.Rows, matrix.Cols, matrix.ToFloatArray());
        var layers = definition.Layers
            .Select(l => new RecurrentLayer(l.Kind, ToFloat(l.WeightIh), ToFloat(l.WeightHh), l.BiasIh, l.BiasHh))
            .ToArray();
        var head = new DenseLayer(ToFloat(definition.Head.Weight), definition.Head.Bias);
        var detector = definition.Detector?.WithMembers([.. definition.Detector.Members.Select(Dequantize)]);
        return new ModelDefinition(layers, head, definition.InputNormalization, definition.OutputNormalization, definition.Metadata, definition.Scoring, detector);
    }

    private static string[] Row(string weights, int streams, BenchResult result) =>
        [weights, Count(streams), .. Times(result), Micro(result.MedianMicroseconds / streams), .. Costs(result)];

    private static string[] DetectorRow(string weights, int forecasters, BenchResult result) =>
        [weights, Count(forecasters), .. Times(result), .. Costs(result)];

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Micro(double microseconds) => microseconds.ToString("F3", CultureInfo.InvariantCulture);

    private static string[] Times(BenchResult result) =>
        [Micro(result.MedianMicroseconds), Micro(result.P99Microseconds), Micro(result.MeanMicroseconds)];

    private static string[] Costs(BenchResult result) =>
    [
        result.WarmUp.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + (result.WarmUp.Settled ? "" : " (unsettled)"),
        result.BytesPerCall.ToString("0.##", CultureInfo.InvariantCulture),
    ];

    private static void WriteTable(TextWriter output, List<string[]> rows)
    {
        int[] widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (int r = 0; r < rows.Count; r++)
        {
            output.WriteLine(string.Join("  ", rows[r].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
            if (r == 0)
            {
                output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }
    }

    private static void AddRange(Option<int> option, int min, int max) =>
        option.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name}: expected a whole number in [{min}, {max}]; found {value}."));
            }
        });
}
