using System.Text;
using EdgeRnn.Device.Commands;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Device.Tests.Alarms;
using EdgeRnn.Device.Tests.Sources;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Device.Tests.Pipeline;

/// <summary><c>edgernn-device run</c> with a bidirectional model: windows of the last N samples every K, or a clear refusal.</summary>
public sealed class WindowLabelRunTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-window-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task RunAsync_BidirectionalLabelModel_LabelsTheLastNSamplesEveryK()
    {
        string path = Save(ModelTask.Label);

        var (exit, text) = await Run(Settings(path) with { MaxSamples = 200, WindowSamples = 64, WindowEvery = 32 });

        Assert.Equal(DeviceRun.Ok, exit);
        Assert.Contains("labelling the last 64 samples every 32 samples", text, StringComparison.Ordinal);
        string[] lines = text.Split('\n').Where(l => l.StartsWith("LABELS samples ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("LABELS samples 0-31:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("LABELS samples 128-191:", lines[^1], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Matches(@"^LABELS samples \d+-\d+:( (calm|busy)×\d+)+$", l.TrimEnd()));
        Assert.Contains("summary: 200 samples, 6 windows labelled", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BidirectionalClassifyModelInt8_PrintsOneClassPerWindow()
    {
        string path = Save(ModelTask.Classify);

        var (exit, text) = await Run(Settings(path) with { MaxSamples = 100, WindowSamples = 50, Int8 = true });

        Assert.Equal(DeviceRun.Ok, exit);
        Assert.Contains("int8", text, StringComparison.Ordinal);
        string[] lines = text.Split('\n').Where(l => l.StartsWith("CLASS samples ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^CLASS samples 50-99: (calm|busy)$", lines[1].TrimEnd());
    }

    [Fact]
    public async Task RunAsync_BidirectionalForecastModel_CannotStartAndSaysWhy()
    {
        string path = Save(ModelTask.Forecast);

        var (exit, text) = await Run(Settings(path));

        Assert.Equal(DeviceRun.CannotStart, exit);
        Assert.Contains($"error: cannot run '{path}': it has a bidirectional layer", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HorizonForecaster_CannotStartAndSaysWhy()
    {
        string path = SaveEncoderDecoder(ModelTask.Forecast, ScoringParameters.None);

        var (exit, text) = await Run(Settings(path));

        Assert.Equal(DeviceRun.CannotStart, exit);
        Assert.Contains($"error: cannot run '{path}': it is an encoder-decoder (forecast, 8 rows per window)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ReconstructModelWithoutScoring_CannotStartAndSaysWhy()
    {
        string path = SaveEncoderDecoder(ModelTask.Reconstruct, ScoringParameters.None);

        var (exit, text) = await Run(Settings(path));

        Assert.Equal(DeviceRun.CannotStart, exit);
        Assert.Contains($"error: cannot run '{path}': Expected a model with a detector or anomaly-scoring parameters", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ReconstructModelWithScoringAndState_ScoresEverySampleAndSaysTheStateIsNotKept()
    {
        var scoring = new ScoringParameters { ErrorStd = [1f, 1f, 1f], LongWindow = 100, ShortWindow = 5, Threshold = 0.99f };
        string path = SaveEncoderDecoder(ModelTask.Reconstruct, scoring);

        var (exit, text) = await Run(Settings(path) with { MaxSamples = 300, StateDirectory = Path.Combine(_directory, "state") });

        Assert.Equal(DeviceRun.Ok, exit);
        Assert.Contains("encoder-decoder reconstructing windows of 8 samples", text, StringComparison.Ordinal);
        Assert.Contains("warning: --state is ignored: the model is an encoder-decoder", text, StringComparison.Ordinal);
        Assert.Matches(@"samples\s+300 ", text);
        Assert.False(Directory.Exists(Path.Combine(_directory, "state")) && Directory.EnumerateFiles(Path.Combine(_directory, "state")).Any());
    }

    private string SaveEncoderDecoder(ModelTask task, ScoringParameters scoring)
    {
        var random = new Random(1);
        WeightMatrix Matrix(int rows, int cols) => WeightMatrix.FromFloat(rows, cols, Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
        var decoder = new SequenceDecoder(8, DecoderStart.Zeros, [new RecurrentLayer(CellKind.Gru, Matrix(12, 3), Matrix(12, 4), new float[12], new float[12])], AttentionKind.Dot, combine: Matrix(4, 8));
        var encoder = new RecurrentLayer(CellKind.Gru, Matrix(12, 3), Matrix(12, 4), new float[12], new float[12]);
        var metadata = new ModelMetadata { Task = task, TargetChannels = [0, 1, 2] };
        var definition = new ModelDefinition([encoder], new DenseLayer(Matrix(3, 4), new float[3]), metadata: metadata, scoring: scoring, decoder: decoder);
        string path = Path.Combine(_directory, task + ".ernn");
        RnnModel.FromDefinition(definition).Save(path);
        return path;
    }

    private static RunSettings Settings(string model) => new()
    {
        ModelPath = model,
        Source = SourceSpec.Parse("csv:" + DemoCommand.RecordingPath),
        SourceOptions = new SourceOptions { Speed = 0 },
        View = StatusView.None,
    };

    private static async Task<(int Exit, string Text)> Run(RunSettings settings)
    {
        var human = new CaptureWriter();
        int exit = await DeviceRun.RunAsync(settings, new RunOutput(human, false, Stream.Null, _ => new FakeAlarmLine()), Eventually.Limit());
        return (exit, human.Text);
    }

    private string Save(ModelTask task) => SaveModel(_directory, task);

    /// <summary>A small two-layer bidirectional GRU over the pump's three channels, classes calm and busy, saved in <paramref name="directory"/>.</summary>
    internal static string SaveModel(string directory, ModelTask task)
    {
        static RecurrentLayer Gru(int inputs, float value) => new(
            CellKind.Gru,
            WeightMatrix.FromFloat(6, inputs, Enumerable.Range(0, 6 * inputs).Select(i => value * ((i % 5) - 2)).ToArray()),
            WeightMatrix.FromFloat(6, 2, Enumerable.Range(0, 12).Select(i => value * ((i % 3) - 1)).ToArray()),
            new float[6],
            new float[6]);
        var definition = new ModelDefinition(
            [RecurrentLayer.Bidirectional(Gru(3, 0.3f), Gru(3, -0.2f)), RecurrentLayer.Bidirectional(Gru(4, 0.25f), Gru(4, 0.1f))],
            new DenseLayer(WeightMatrix.FromFloat(2, 4, [1f, -1f, 0.5f, 0.2f, -1f, 1f, -0.5f, 0.1f]), [0.1f, -0.1f]),
            new ChannelNormalization([1.5f, 50f, 5f], [0.5f, 5f, 1f]),
            metadata: new ModelMetadata
            {
                Task = task,
                FeatureNames = ["vibration_rms", "temperature", "motor_current"],
                Properties = new Dictionary<string, string> { ["classes"] = "[\"calm\",\"busy\"]" },
            });
        string path = Path.Combine(directory, task.ToString().ToLowerInvariant() + ".ernn");
        RnnModel.FromDefinition(definition).Save(path);
        return path;
    }
}
