using BenchmarkDotNet.Attributes;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Benchmarks;

/// <summary>
/// One <see cref="AnomalyDetector.Process(ReadOnlySpan{float})"/> of a reconstruct encoder-decoder, the call a board makes
/// per sample: the sample into the window ring, the encoder over the last T samples, T decoder rows, the whole window's
/// error and the score. LSTM 3 → 16, one layer, no attention, T 16 and 32, float32 and int8 weights; the detector is warm
/// (its ring full). <c>--filter '*ReconstructDetectorBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Seq2Seq")]
public class ReconstructDetectorBenchmarks
{
    private const int Inputs = 3;
    private const int Hidden = 16;
    private const int Samples = 6 * 512 + 7;

    private AnomalyDetector _detector = null!;
    private float[] _stream = null!;
    private int _next;

    [Params(16, 32)]
    public int Window { get; set; }

    [Params(false, true)]
    public bool Int8 { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        float range = 1f / MathF.Sqrt(Hidden);
        float[] Uniform(int n) => Enumerable.Range(0, n).Select(_ => (float)(((random.NextDouble() * 2) - 1) * range)).ToArray();
        WeightMatrix Matrix(int rows, int cols) => WeightMatrix.FromFloat(rows, cols, Uniform(rows * cols));
        RecurrentLayer Lstm(int input) => new(CellKind.Lstm, Matrix(4 * Hidden, input), Matrix(4 * Hidden, Hidden), Uniform(4 * Hidden), Uniform(4 * Hidden));
        var decoder = new SequenceDecoder(Window, DecoderStart.Zeros, [Lstm(Inputs)], AttentionKind.None);
        var metadata = new ModelMetadata { Task = ModelTask.Reconstruct, TargetChannels = [0, 1, 2] };
        var scoring = new ScoringParameters { ErrorStd = [1f, 1f, 1f], LongWindow = 1000, ShortWindow = 5, Threshold = 0.99f };
        var definition = new ModelDefinition([Lstm(Inputs)], new DenseLayer(Matrix(Inputs, Hidden), Uniform(Inputs)), metadata: metadata, scoring: scoring, decoder: decoder);
        _detector = new AnomalyDetector(RnnModel.FromDefinition(Int8 ? ModelQuantizer.Quantize(definition, out _) : definition));
        _stream = StepConfigs.Input(Samples * Inputs);
        for (int t = 0; t < Samples; t++)
        {
            Process();
        }
    }

    [Benchmark(Description = "score one sample (encode T, decode T rows)")]
    public float Process()
    {
        var score = _detector.Process(_stream.AsSpan(_next * Inputs, Inputs));
        _next = _next + 1 == Samples ? 0 : _next + 1;
        return score.Score;
    }
}
