using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Training;

/// <summary>Turns trained parameters into the runtime's <see cref="ModelDefinition"/> (float32, PyTorch layout).</summary>
internal static class ModelExport
{
    public static ModelDefinition ToModelDefinition(
        NetworkShape shape,
        ReadOnlySpan<float> parameters,
        ChannelNormalization? inputNormalization = null,
        ChannelNormalization? outputNormalization = null,
        ModelMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var layout = new ParameterLayout(shape);
        if (parameters.Length != layout.Count)
        {
            throw new ArgumentException($"Expected {layout.Count} parameters for {shape}; found {parameters.Length}.", nameof(parameters));
        }

        WeightMatrix Matrix(ParameterTensor tensor, ReadOnlySpan<float> values) =>
            WeightMatrix.FromFloat(tensor.Rows, tensor.Cols, values.Slice(tensor.Offset, tensor.Length));

        RecurrentLayer Unit(int u, ReadOnlySpan<float> values) =>
            new(
                shape.Kind,
                Matrix(layout.WeightIh(u), values),
                Matrix(layout.WeightHh(u), values),
                values.Slice(layout.BiasIh(u).Offset, layout.BiasIh(u).Length),
                values.Slice(layout.BiasHh(u).Offset, layout.BiasHh(u).Length));

        var layers = new RecurrentLayer[shape.Layers];
        for (int l = 0; l < shape.Layers; l++)
        {
            layers[l] = shape.Bidirectional
                ? RecurrentLayer.Bidirectional(Unit(2 * l, parameters), Unit((2 * l) + 1, parameters))
                : Unit(l, parameters);
        }

        var head = new DenseLayer(Matrix(layout.HeadWeight, parameters), parameters.Slice(layout.HeadBias.Offset, layout.HeadBias.Length));
        var embedding = shape.HasEmbedding ? new EmbeddingTable(Matrix(layout.Embedding, parameters)) : null;
        return new ModelDefinition(layers, head, inputNormalization, outputNormalization, metadata, embedding: embedding);
    }
}
