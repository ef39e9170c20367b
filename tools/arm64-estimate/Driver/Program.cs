using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

// Steps every configuration of issue 13 (LSTM and GRU, float32 and int8) and any .ernn model given as an argument, a few
// times each, one stream and a batch of four, so every kernel a step runs is compiled. Prints one line per model: its name and weight bytes.
string[] configs = ["8x32x1", "8x64x2", "16x128x2", "32x256x1"];
foreach (var kind in new[] { CellKind.Lstm, CellKind.Gru })
{
    foreach (string config in configs)
    {
        foreach (bool int8 in new[] { false, true })
        {
            int[] parts = config.Split('x').Select(int.Parse).ToArray();
            var definition = Definition(kind, parts[0], parts[1], parts[2]);
            if (int8)
            {
                definition = ModelQuantizer.Quantize(definition, out _);
            }

            Run($"{kind} {config} {(int8 ? "int8" : "float32")}", RnnModel.FromDefinition(definition));
        }
    }
}

foreach (string path in args)
{
    var model = RnnModel.Load(path);
    Console.WriteLine($"{path}: {Shape(model.Definition)}");
    foreach (var member in model.Definition.Detector?.Members ?? [])
    {
        Console.WriteLine($"{path}: forecaster {Shape(member)}");
    }

    Run(path, model);
}

static string Shape(ModelDefinition d) =>
    $"{string.Join(", ", d.Layers.Select(l => $"{l.Kind} {l.InputSize}->{l.HiddenSize}"))}, head {d.Head.Weight.Cols}->{d.OutputSize}, {(d.IsQuantized ? "int8" : "float32")}";

static void Run(string name, RnnModel model)
{
    var state = model.CreateState();
    var input = new float[model.InputSize];
    var output = new float[model.OutputSize];
    var random = new Random(7);
    for (int step = 0; step < 20; step++)
    {
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (float)((random.NextDouble() * 2) - 1);
        }

        state.Step(input, output);
    }

    // A batch of four streams too, so the batched kernels (the A72's PairwiseNeonTile, the A76's DotProductNeonTile) are compiled.
    var batch = model.CreateBatch(4);
    var inputs = new float[4 * model.InputSize];
    var outputs = new float[4 * model.OutputSize];
    for (int step = 0; step < 20; step++)
    {
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)((random.NextDouble() * 2) - 1);
        }

        batch.Step(inputs, outputs);
    }

    Console.WriteLine($"{name}: output[0] {output[0]:G6}, batch output[0] {outputs[0]:G6}");
}

// The benchmarks' configurations (tests/EdgeRnn.Benchmarks/StepConfigs.cs): seeded uniform weights, a dense head back
// to the input size.
static ModelDefinition Definition(CellKind kind, int input, int hidden, int layers)
{
    var random = new Random(42);
    int gates = kind.GateCount() * hidden;
    float range = 1f / MathF.Sqrt(hidden);
    var list = new List<RecurrentLayer>();
    for (int k = 0; k < layers; k++)
    {
        int cols = k == 0 ? input : hidden;
        list.Add(new RecurrentLayer(kind, WeightMatrix.FromFloat(gates, cols, Uniform(random, gates * cols, range)),
            WeightMatrix.FromFloat(gates, hidden, Uniform(random, gates * hidden, range)), Uniform(random, gates, range), Uniform(random, gates, range)));
    }

    return new ModelDefinition(list, new DenseLayer(WeightMatrix.FromFloat(input, hidden, Uniform(random, input * hidden, range)), Uniform(random, input, range)));
}

static float[] Uniform(Random random, int length, float range) =>
    Enumerable.Range(0, length).Select(_ => (float)(((random.NextDouble() * 2) - 1) * range)).ToArray();
