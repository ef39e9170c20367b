using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training.Engine.Sequence2Sequence;

namespace EdgeRnn.Training.Training.Sequence2Sequence;

/// <summary>Turns trained encoder–decoder parameters into the runtime's <see cref="ModelDefinition"/> with its <see cref="SequenceDecoder"/> (float32).</summary>
internal static class Seq2SeqExport
{
    public static ModelDefinition ToModelDefinition(
        Seq2SeqShape shape,
        ReadOnlySpan<float> parameters,
        DecoderStart start,
        ChannelNormalization? inputNormalization = null,
        ChannelNormalization? outputNormalization = null,
        ModelMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var layout = new Seq2SeqLayout(shape);
        if (parameters.Length != layout.Count)
        {
            throw new ArgumentException($"Expected {layout.Count} parameters for {shape}; found {parameters.Length}.", nameof(parameters));
        }

        WeightMatrix? Matrix(ParameterTensor tensor, ReadOnlySpan<float> values) =>
            tensor.Length == 0 ? null : WeightMatrix.FromFloat(tensor.Rows, tensor.Cols, values.Slice(tensor.Offset, tensor.Length));

        RecurrentLayer[] Stack(bool decoder, ReadOnlySpan<float> values)
        {
            var layers = new RecurrentLayer[shape.Layers];
            for (int l = 0; l < shape.Layers; l++)
            {
                var biasIh = layout.Recurrent(decoder, l, 2);
                var biasHh = layout.Recurrent(decoder, l, 3);
                layers[l] = new RecurrentLayer(
                    shape.Kind,
                    Matrix(layout.Recurrent(decoder, l, 0), values)!,
                    Matrix(layout.Recurrent(decoder, l, 1), values)!,
                    values.Slice(biasIh.Offset, biasIh.Length),
                    values.Slice(biasHh.Offset, biasHh.Length));
            }

            return layers;
        }

        var decoder = new SequenceDecoder(
            shape.Horizon,
            start,
            Stack(decoder: true, parameters),
            shape.Attention,
            Matrix(layout.General, parameters),
            Matrix(layout.Memory, parameters),
            Matrix(layout.Query, parameters),
            parameters.Slice(layout.Score.Offset, layout.Score.Length),
            Matrix(layout.Combine, parameters));
        var head = new DenseLayer(Matrix(layout.HeadWeight, parameters)!, parameters.Slice(layout.HeadBias.Offset, layout.HeadBias.Length));
        return new ModelDefinition(Stack(decoder: false, parameters), head, inputNormalization, outputNormalization, metadata, decoder: decoder);
    }
}
