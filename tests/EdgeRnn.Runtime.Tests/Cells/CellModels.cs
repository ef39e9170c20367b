using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Cells;

/// <summary>Seeded random models for the step tests: every cell kind, float32 or int8 weights.</summary>
internal static class CellModels
{
    public static readonly CellKind[] Kinds = [CellKind.RnnTanh, CellKind.RnnRelu, CellKind.Lstm, CellKind.Gru];

    public static ModelDefinition Create(CellKind kind, int input, int hidden, int layers, int outputs, bool int8, int seed = 1)
    {
        var random = new Random(seed);
        int gates = kind.GateCount() * hidden;
        float range = 1f / MathF.Sqrt(hidden);
        var list = new List<RecurrentLayer>();
        for (int k = 0; k < layers; k++)
        {
            int width = k == 0 ? input : hidden;
            list.Add(new RecurrentLayer(
                kind,
                Matrix(random, gates, width, range, int8),
                Matrix(random, gates, hidden, range, int8),
                Vector(random, gates, range),
                Vector(random, gates, range)));
        }

        var head = new DenseLayer(Matrix(random, outputs, hidden, range, int8), Vector(random, outputs, range));
        var inputNorm = new ChannelNormalization(Vector(random, input, 2), Enumerable.Range(0, input).Select(i => 0.5f + i).ToArray());
        return new ModelDefinition(list, head, inputNorm);
    }

    private static WeightMatrix Matrix(Random random, int rows, int cols, float range, bool int8)
    {
        if (!int8)
        {
            return WeightMatrix.FromFloat(rows, cols, Vector(random, rows * cols, range));
        }

        var q = new sbyte[rows * cols];
        for (int i = 0; i < q.Length; i++)
        {
            q[i] = (sbyte)random.Next(-127, 128);
        }

        var scales = Enumerable.Range(0, rows).Select(_ => range / 127f).ToArray();
        return WeightMatrix.FromInt8(rows, cols, q, scales);
    }

    private static float[] Vector(Random random, int length, float range) =>
        Enumerable.Range(0, length).Select(_ => (float)(((random.NextDouble() * 2) - 1) * range)).ToArray();
}
