using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Cells;

/// <summary>Seeded random models for the step tests: every cell kind, float32 or int8, with non-identity normalisation.</summary>
internal static class CellModels
{
    public static readonly CellKind[] Kinds = [CellKind.RnnTanh, CellKind.RnnRelu, CellKind.Lstm, CellKind.Gru];

    public static ModelDefinition Create(CellKind kind, int input, int hidden, int layers, int outputs, bool int8, int seed = 1) =>
        TestModels.Decorated(TestModels.Random(kind, input, hidden, layers, outputs, seed, int8), seed);
}
