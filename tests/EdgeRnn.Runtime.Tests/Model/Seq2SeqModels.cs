using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Model;

/// <summary>Seeded random encoder–decoder definitions for tests.</summary>
internal static class Seq2SeqModels
{
    /// <summary>
    /// An encoder–decoder with PyTorch-style random weights (uniform in ±1/√hidden): <paramref name="layers"/> encoder and
    /// decoder layers of <paramref name="kind"/>, the given attention (width <paramref name="width"/> when additive),
    /// identity normalisation. The same arguments always give the same model.
    /// </summary>
    public static ModelDefinition Random(
        CellKind kind, int input, int hidden, int layers, int outputs, int horizon, AttentionKind attention, int seed,
        DecoderStart start = DecoderStart.LastTargets, int width = 5, bool int8 = false)
    {
        var random = new Random(seed);
        float bound = 1f / MathF.Sqrt(hidden);
        var encoder = Stack(random, kind, input, hidden, layers, bound);
        var decoderLayers = Stack(random, kind, outputs, hidden, layers, bound);
        WeightMatrix Matrix(int rows, int cols) => WeightMatrix.FromFloat(rows, cols, TestModels.Uniform(random, rows * cols, bound));
        var decoder = attention switch
        {
            AttentionKind.None => new SequenceDecoder(horizon, start, decoderLayers, attention),
            AttentionKind.Dot => new SequenceDecoder(horizon, start, decoderLayers, attention, combine: Matrix(hidden, 2 * hidden)),
            AttentionKind.General => new SequenceDecoder(horizon, start, decoderLayers, attention, general: Matrix(hidden, hidden), combine: Matrix(hidden, 2 * hidden)),
            _ => new SequenceDecoder(
                horizon, start, decoderLayers, attention, memory: Matrix(width, hidden), query: Matrix(width, hidden),
                score: TestModels.Uniform(random, width, bound), combine: Matrix(hidden, 2 * hidden)),
        };
        var head = new DenseLayer(Matrix(outputs, hidden), TestModels.Uniform(random, outputs, bound));
        var definition = new ModelDefinition(encoder, head, decoder: decoder);
        return int8 ? ModelQuantizer.Quantize(definition, out _) : definition;
    }

    public static RecurrentLayer[] Stack(Random random, CellKind kind, int input, int hidden, int layers, float bound)
    {
        int rows = kind.GateCount() * hidden;
        var stack = new RecurrentLayer[layers];
        for (int k = 0; k < layers; k++)
        {
            int width = k == 0 ? input : hidden;
            stack[k] = new RecurrentLayer(
                kind,
                WeightMatrix.FromFloat(rows, width, TestModels.Uniform(random, rows * width, bound)),
                WeightMatrix.FromFloat(rows, hidden, TestModels.Uniform(random, rows * hidden, bound)),
                TestModels.Uniform(random, rows, bound),
                TestModels.Uniform(random, rows, bound));
        }

        return stack;
    }
}
