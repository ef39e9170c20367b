using BenchmarkDotNet.Attributes;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Benchmarks;

/// <summary>
/// One step of a character model over a vocabulary of 65, LSTM 2 × 128, float32 and int8: the one-hot model (layer 0
/// reads 65 inputs) against the same layers behind an embedding table of width 16, stepped with the one-hot vector
/// (E^T x) and with the token (<see cref="RnnState.StepToken"/>).
/// <c>dotnet run -c Release --project tests/EdgeRnn.Benchmarks -- --filter '*TextStepBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Step")]
public class TextStepBenchmarks
{
    public const int Vocabulary = 65;
    public const int Width = 16;
    public const int Hidden = 128;

    private RnnState _oneHotModel = null!;
    private RnnState _embeddingModel = null!;
    private float[] _input = null!;
    private float[] _output = null!;
    private int _token;

    [Params(false, true)]
    public bool Int8 { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var oneHot = StepConfigs.Definition(CellKind.Lstm, Vocabulary, Hidden, 2);
        var inner = StepConfigs.Definition(CellKind.Lstm, Width, Hidden, 2);
        var random = new Random(11);
        var rows = Enumerable.Range(0, Vocabulary * Width).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var head = new DenseLayer(oneHot.Head.Weight, oneHot.Head.Bias);
        var embedded = new ModelDefinition(inner.Layers, head, embedding: new EmbeddingTable(WeightMatrix.FromFloat(Vocabulary, Width, rows)));
        _oneHotModel = RnnModel.FromDefinition(Int8 ? ModelQuantizer.Quantize(oneHot, out _) : oneHot).CreateState();
        _embeddingModel = RnnModel.FromDefinition(Int8 ? ModelQuantizer.Quantize(embedded, out _) : embedded).CreateState();
        _input = new float[Vocabulary];
        _token = 17;
        _input[_token] = 1f;
        _output = new float[Vocabulary];
    }

    [Benchmark(Baseline = true, Description = "one-hot model, Step(one-hot)")]
    public float OneHotStep()
    {
        _oneHotModel.Step(_input, _output);
        return _output[0];
    }

    [Benchmark(Description = "embedding model, Step(one-hot)")]
    public float EmbeddingStepOneHot()
    {
        _embeddingModel.Step(_input, _output);
        return _output[0];
    }

    [Benchmark(Description = "embedding model, StepToken")]
    public float EmbeddingStepToken()
    {
        _embeddingModel.StepToken(_token, _output);
        return _output[0];
    }
}
