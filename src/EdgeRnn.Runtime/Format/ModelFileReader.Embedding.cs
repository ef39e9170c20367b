using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Format;

/// <summary>The embedding table section (id 11, format 1.3; layout in models/FORMAT.md).</summary>
internal static partial class ModelFileReader
{
    private static EmbeddingTable ReadEmbedding(ref BoundedReader body)
    {
        int tokens = body.ReadInt32InRange("the vocabulary size", 1, ModelDefinition.MaxWidth);
        int width = body.ReadInt32InRange("the embedding size", 1, ModelDefinition.MaxWidth);
        var storage = (WeightStorage)body.ReadInt32InRange("the weight storage (0 float32, 1 int8)", 0, 1);
        long expected = storage == WeightStorage.Float32 ? 4L * tokens * width : (4L * tokens) + ((long)tokens * width);
        if (body.Remaining != expected)
        {
            throw body.Error($"expected {expected} bytes of {storage} rows for an embedding table of {tokens} tokens × {width}; found {body.Remaining}.");
        }

        try
        {
            WeightMatrix weight;
            if (storage == WeightStorage.Float32)
            {
                weight = WeightMatrix.FromFloat(tokens, width, body.ReadSingles(tokens * width, "the embedding rows"));
            }
            else
            {
                float[] scales = body.ReadSingles(tokens, "the embedding row scales");
                weight = WeightMatrix.FromInt8(tokens, width, body.ReadSBytes(tokens * width, "the embedding rows"), scales);
            }

            return new EmbeddingTable(weight);
        }
        catch (ArgumentException ex)
        {
            throw body.Invalid(ex);
        }
    }
}
