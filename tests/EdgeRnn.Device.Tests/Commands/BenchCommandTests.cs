using System.CommandLine;
using EdgeRnn.Device.Commands;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Device.Tests.Commands;

public sealed class BenchCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-bench-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Bench_BundledModel_StepAndDetectorRowsWithZeroBytes()
    {
        var output = new StringWriter();

        int exit = Invoke(output, "bench", "--model", DemoCommand.ModelPath, "--steps", "200", "--warmup", "10", "--warmup-seconds", "0", "--streams", "4");

        Assert.Equal(0, exit);
        string[] rows = output.ToString().Split('\n').Where(l => l.StartsWith("int8", StringComparison.Ordinal) || l.StartsWith("float32", StringComparison.Ordinal)).ToArray();
        // Single and batched steps, float32 and int8, then the detector the bundled model carries per sample, float32 and int8.
        Assert.Equal(6, rows.Length);
        Assert.All(rows, r => Assert.EndsWith(" 0", r.TrimEnd(), StringComparison.Ordinal));
        Assert.Contains("pump.ernn", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("detector of 1 forecaster", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_DetectorModel_DetectorRowsPerSampleWithZeroBytes()
    {
        string path = Path.Combine(_directory, "detector.ernn");
        DetectorModel(forecasters: 3).Save(path);
        var output = new StringWriter();

        // Warmed up until the JIT's code has settled: under emulation (the ARM64 CI stage, Cortex-A76) the unsettled float32
        // row once counted 176 bytes over its 200 samples, while the x64 run and the settled rows count none.
        int exit = Invoke(output, "bench", "--model", path, "--steps", "200", "--warmup", "10", "--warmup-seconds", "5", "--streams", "2");

        Assert.Equal(0, exit);
        string text = output.ToString();
        Assert.Contains("detector of 3 forecasters", text, StringComparison.Ordinal);
        string[] lines = text.Split('\n');
        int table = Array.FindIndex(lines, l => l.StartsWith("Detector, per sample", StringComparison.Ordinal));
        Assert.True(table > 0, text);
        string[] rows = lines.Skip(table).Where(l => l.StartsWith("int8", StringComparison.Ordinal) || l.StartsWith("float32", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.All(rows, r => Assert.Matches(@"^\S+( \(\w+\))?\s+3\s", r));
        Assert.All(rows, r => Assert.EndsWith(" 0", r.TrimEnd(), StringComparison.Ordinal));
    }

    [Fact]
    public void Bench_Int8DetectorModel_DequantizedRowKeepsTheDetector()
    {
        string path = Path.Combine(_directory, "detector-int8.ernn");
        RnnModel.FromDefinition(ModelQuantizer.Quantize(DetectorModel(forecasters: 2).Definition, out _)).Save(path);
        var output = new StringWriter();

        int exit = Invoke(output, "bench", "--model", path, "--steps", "50", "--warmup", "10", "--warmup-seconds", "0", "--streams", "2");

        Assert.Equal(0, exit);
        string[] lines = output.ToString().Split('\n');
        int table = Array.FindIndex(lines, l => l.StartsWith("Detector, per sample", StringComparison.Ordinal));
        Assert.Contains(lines.Skip(table), l => l.StartsWith("float32 (dequantized)", StringComparison.Ordinal));
        Assert.Contains(lines.Skip(table), l => l.StartsWith("int8", StringComparison.Ordinal));
    }

    [Fact]
    public void Bench_CorruptModel_ExitsOneSayingWhy()
    {
        string path = Path.Combine(_directory, "bad.ernn");
        File.WriteAllBytes(path, [1, 2, 3]);
        var error = new StringWriter();

        int exit = Invoke(TextWriter.Null, "bench", "--model", path, error: error);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A small GRU detector with the time of day: two channels forecast, hourly samples, change points on.</summary>
    private static RnnModel DetectorModel(int forecasters)
    {
        var normalization = new ChannelNormalization([0.1f, -0.2f, 0f, 0f], [0.5f, 2f, 0.7f, 0.7f]);
        var outputNormalization = new ChannelNormalization([0.1f, -0.2f], [0.5f, 2f]);
        var metadata = new ModelMetadata { Task = ModelTask.Forecast, TargetChannels = [0, 1], SamplePeriodSeconds = 3600, FeatureNames = ["a", "b", "tod_sin", "tod_cos"] };
        ModelDefinition Forecaster(int seed)
        {
            var random = new Random(seed);
            float[] Uniform(int count) => Enumerable.Range(0, count).Select(_ => (float)((2 * random.NextDouble()) - 1) * 0.3f).ToArray();
            const int hidden = 8;
            var layer = new RecurrentLayer(CellKind.Gru, WeightMatrix.FromFloat(3 * hidden, 4, Uniform(3 * hidden * 4)), WeightMatrix.FromFloat(3 * hidden, hidden, Uniform(3 * hidden * hidden)), Uniform(3 * hidden), Uniform(3 * hidden));
            var head = new DenseLayer(WeightMatrix.FromFloat(2, hidden, Uniform(2 * hidden)), Uniform(2));
            return new ModelDefinition([layer], head, normalization, outputNormalization, metadata);
        }

        var likelihood = LikelihoodParameters.Default with { LongWindow = 100, SkipRows = 4, MinimumHistory = 10, SpatialWindow = 50, ValueWindow = 30 };
        var detector = new DetectorDefinition(likelihood, 0.9, [.. Enumerable.Range(2, forecasters - 1).Select(Forecaster)], timeOfDay: true, ChangePointParameters.Default);
        return RnnModel.FromDefinition(Forecaster(1).With(detector: detector));
    }

    private static int Invoke(TextWriter output, params string[] args) => Invoke(output, args, TextWriter.Null);

    private static int Invoke(TextWriter output, string a, string b, string c, TextWriter error) => Invoke(output, [a, b, c], error);

    private static int Invoke(TextWriter output, string[] args, TextWriter error) =>
        Program.CreateRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
}
