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

        var layers = new RecurrentLayer[shape.Layers];
        for (int l = 0; l < shape.Layers; l++)
        {
            layers[l] = new RecurrentLayer(
                shape.Kind,
                Matrix(layout.WeightIh(l), parameters),
                Matrix(layout.WeightHh(l), parameters),
                parameters.Slice(layout.BiasIh(l).Offset, layout.BiasIh(l).Length),
                parameters.Slice(layout.BiasHh(l).Offset, layout.BiasHh(l).Length));
        }

        var head = new DenseLayer(Matrix(layout.HeadWeight, parameters), parameters.Slice(layout.HeadBias.Offset, layout.HeadBias.Length));
        return new ModelDefinition(layers, head, inputNormalization, outputNormalization, metadata);
    }
}
