using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Format;

internal static partial class ModelFileReader
{
    /// <summary>The decoder section (models/FORMAT.md §7.9); the model's constructor checks it against the encoder and head.</summary>
    private static SequenceDecoder ReadDecoder(ref BoundedReader body)
    {
        int horizon = body.ReadInt32InRange("the decoder horizon", 1, ModelDefinition.MaxHorizon);
        var start = (DecoderStart)body.ReadInt32InRange("the decoder start (0 zeros, 1 last targets)", 0, 1);
        var attention = (AttentionKind)body.ReadInt32InRange("the attention kind (0 none, 1 dot, 2 general, 3 additive)", 0, 3);
        int width = attention == AttentionKind.Additive
            ? body.ReadInt32InRange("the attention size (additive)", 1, ModelDefinition.MaxWidth)
            : body.ReadInt32InRange("the attention size (0 unless additive)", 0, 0);
        int count = body.ReadInt32InRange("the decoder layer count", 1, ModelDefinition.MaxLayers);
        var layers = new RecurrentLayer[count];
        for (int k = 0; k < count; k++)
        {
            layers[k] = ReadLayer(ref body, nested: true);
            body.ExpectPadding4(new Field("decoder layer", k));
        }

        int hidden = layers[0].HiddenSize;
        var general = attention == AttentionKind.General ? ReadMatrix(ref body, hidden, hidden, "attention.general.weight") : null;
        var memory = attention == AttentionKind.Additive ? ReadMatrix(ref body, width, hidden, "attention.memory.weight") : null;
        var query = attention == AttentionKind.Additive ? ReadMatrix(ref body, width, hidden, "attention.query.weight") : null;
        float[] score = attention == AttentionKind.Additive ? body.ReadSingles(width, "attention.v.weight") : [];
        var combine = attention == AttentionKind.None ? null : ReadMatrix(ref body, hidden, 2 * hidden, "attention.combine.weight");
        try
        {
            return new SequenceDecoder(horizon, start, layers, attention, general, memory, query, score, combine);
        }
        catch (ArgumentException ex)
        {
            throw body.Invalid(ex);
        }
    }

    private static WeightMatrix ReadMatrix(ref BoundedReader body, int rows, int cols, string name)
    {
        var storage = (WeightStorage)body.ReadInt32InRange(new Field(name + " storage (0 float32, 1 int8)"), 0, 1);
        try
        {
            if (storage == WeightStorage.Float32)
            {
                return WeightMatrix.FromFloat(rows, cols, body.ReadSingles(rows * cols, name));
            }

            float[] scales = body.ReadSingles(rows, name + " row scales");
            var matrix = WeightMatrix.FromInt8(rows, cols, body.ReadSBytes(rows * cols, name), scales);
            body.ExpectPadding4(name);
            return matrix;
        }
        catch (ArgumentException ex)
        {
            throw body.Invalid(ex);
        }
    }
}
