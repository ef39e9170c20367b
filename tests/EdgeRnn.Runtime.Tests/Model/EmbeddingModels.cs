using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Model;

/// <summary>Seeded random models with a token embedding table in front of layer 0, for tests.</summary>
internal static class EmbeddingModels
{
    /// <summary>
    /// <see cref="TestModels.Random"/>'s layers and head (layer 0 reading <paramref name="width"/> values) behind an N(0, 1)-like
    /// table of <paramref name="vocabulary"/> rows; <paramref name="int8"/> gives the quantized copy of the same float model.
    /// </summary>
    public static ModelDefinition Create(CellKind kind, int vocabulary, int width, int hidden, int layers, int seed, bool int8 = false)
    {
        var inner = TestModels.Random(kind, width, hidden, layers, vocabulary, seed);
        var table = new EmbeddingTable(WeightMatrix.FromFloat(vocabulary, width, TestModels.Uniform(new Random(seed + 1000), vocabulary * width, 1.7f)));
        var definition = new ModelDefinition(inner.Layers, inner.Head, embedding: table);
        return int8 ? ModelQuantizer.Quantize(definition, out _) : definition;
    }

    /// <summary>The same layers and head without the table: its input is what the embedding model's layer 0 reads.</summary>
    public static ModelDefinition WithoutTable(ModelDefinition definition) => new(definition.Layers, definition.Head);

    public static float[] OneHot(int vocabulary, int token)
    {
        var x = new float[vocabulary];
        x[token] = 1f;
        return x;
    }
}
