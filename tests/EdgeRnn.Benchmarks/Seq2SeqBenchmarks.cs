using BenchmarkDotNet.Attributes;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Benchmarks;

/// <summary>
/// One <see cref="RnnSequenceDecoder.Run"/> of an encoder-decoder (issue 17 point 2): LSTM 3 → 32, one layer, window of
/// 32 samples, horizon 10, three outputs fed back from the last targets; every attention kind (additive width 32),
/// float32 and int8 weights. <c>--filter '*Seq2SeqBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Seq2Seq")]
public class Seq2SeqBenchmarks
{
    private const int Inputs = 3;
    private const int Hidden = 32;
    private const int Window = 32;
    private const int Horizon = 10;

    private RnnSequenceDecoder _runner = null!;
    private float[] _window = null!;
    private float[] _outputs = null!;

    [Params(AttentionKind.None, AttentionKind.Dot, AttentionKind.General, AttentionKind.Additive)]
    public AttentionKind Attention { get; set; }

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
        var combine = Attention == AttentionKind.None ? null : Matrix(Hidden, 2 * Hidden);
        var decoder = new SequenceDecoder(
            Horizon,
            DecoderStart.LastTargets,
            [Lstm(Inputs)],
            Attention,
            general: Attention == AttentionKind.General ? Matrix(Hidden, Hidden) : null,
            memory: Attention == AttentionKind.Additive ? Matrix(Hidden, Hidden) : null,
            query: Attention == AttentionKind.Additive ? Matrix(Hidden, Hidden) : null,
            score: Attention == AttentionKind.Additive ? Uniform(Hidden) : default,
            combine: combine);
        var definition = new ModelDefinition([Lstm(Inputs)], new DenseLayer(Matrix(Inputs, Hidden), Uniform(Inputs)), decoder: decoder);
        var model = RnnModel.FromDefinition(Int8 ? ModelQuantizer.Quantize(definition, out _) : definition);
        _runner = model.CreateSequenceDecoder(Window);
        _window = StepConfigs.Input(Window * Inputs);
        _outputs = new float[Horizon * Inputs];
    }

    [Benchmark(Description = "encode 32 samples, decode 10 rows")]
    public float Run()
    {
        _runner.Run(_window, _outputs);
        return _outputs[0];
    }
}
