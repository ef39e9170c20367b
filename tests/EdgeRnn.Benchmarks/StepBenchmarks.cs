using BenchmarkDotNet.Attributes;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Benchmarks;

/// <summary>
/// One step of one stream, and one step of 64 streams batched, for the four configurations
/// ("input x hidden x layers"), LSTM and GRU, float32 and int8 weights.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Step")]
public class StepBenchmarks
{
    public const int BatchStreams = 64;

    private RnnState _state = null!;
    private RnnBatch _batch = null!;
    private float[] _input = null!;
    private float[] _output = null!;
    private float[] _batchInputs = null!;
    private float[] _batchOutputs = null!;

    [Params(CellKind.Lstm, CellKind.Gru)]
    public CellKind Cell { get; set; }

    [Params("8x32x1", "8x64x2", "16x128x2", "32x256x1")]
    public string Config { get; set; } = "8x32x1";

    [Params(false, true)]
    public bool Int8 { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var model = StepConfigs.Model(Cell, Config, Int8);
        _state = model.CreateState();
        _batch = model.CreateBatch(BatchStreams);
        _input = StepConfigs.Input(model.InputSize);
        _output = new float[model.OutputSize];
        _batchInputs = StepConfigs.Input(model.InputSize * BatchStreams);
        _batchOutputs = new float[model.OutputSize * BatchStreams];
    }

    [Benchmark(Description = "single stream, one step")]
    public float Step()
    {
        _state.Step(_input, _output);
        return _output[0];
    }

    [Benchmark(Description = "64 streams batched, one step")]
    public float BatchStep()
    {
        _batch.Step(_batchInputs, _batchOutputs);
        return _batchOutputs[0];
    }
}
