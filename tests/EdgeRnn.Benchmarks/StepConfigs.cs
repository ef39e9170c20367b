using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Benchmarks;

/// <summary>The benchmark models: (input, hidden, layers) with a dense head back to input outputs, seeded weights.</summary>
internal static class StepConfigs
{
    public static ModelDefinition Definition(CellKind kind, int input, int hidden, int layers, int seed = 42)
    {
        var random = new Random(seed);
        int gates = kind.GateCount() * hidden;
        float range = 1f / MathF.Sqrt(hidden);
        var list = new List<RecurrentLayer>();
        for (int k = 0; k < layers; k++)
        {
            list.Add(new RecurrentLayer(
                kind,
                WeightMatrix.FromFloat(gates, k == 0 ? input : hidden, Uniform(random, gates * (k == 0 ? input : hidden), range)),
                WeightMatrix.FromFloat(gates, hidden, Uniform(random, gates * hidden, range)),
                Uniform(random, gates, range),
                Uniform(random, gates, range)));
        }

        var head = new DenseLayer(WeightMatrix.FromFloat(input, hidden, Uniform(random, input * hidden, range)), Uniform(random, input, range));
        return new ModelDefinition(list, head);
    }

    public static RnnModel Model(CellKind kind, string config, bool int8)
    {
        int[] parts = config.Split('x').Select(int.Parse).ToArray();
        var definition = Definition(kind, parts[0], parts[1], parts[2]);
        return RnnModel.FromDefinition(int8 ? ModelQuantizer.Quantize(definition, out _) : definition);
    }

    public static float[] Input(int length, int seed = 7)
    {
        var random = new Random(seed);
        return Uniform(random, length, 1f);
    }

    private static float[] Uniform(Random random, int length, float range) =>
        Enumerable.Range(0, length).Select(_ => (float)(((random.NextDouble() * 2) - 1) * range)).ToArray();
}
