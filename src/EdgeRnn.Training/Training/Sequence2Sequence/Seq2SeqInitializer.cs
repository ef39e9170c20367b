using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training.Engine.Sequence2Sequence;
using EdgeRnn.Training.Training.Optimization;

namespace EdgeRnn.Training.Training.Sequence2Sequence;

/// <summary>
/// An encoder–decoder's initial weights from a seed, as <see cref="ParameterInitializer.Initialize"/> sets a sequence
/// network's: per gate block Glorot-uniform W_ih and orthogonal W_hh, zero biases but the LSTM forget gate's b_ih = 1;
/// every attention weight and the head Glorot uniform.
/// </summary>
internal static class Seq2SeqInitializer
{
    public static float[] Initialize(Seq2SeqLayout layout, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var shape = layout.Shape;
        var values = new float[layout.Count];
        var random = new DeterministicRandom(seed, 0x5250);
        int h = shape.HiddenSize;
        foreach (bool decoder in new[] { false, true })
        {
            var stack = decoder ? shape.Decoder : shape.Encoder;
            for (int l = 0; l < shape.Layers; l++)
            {
                int inputs = stack.LayerInputSize(l);
                var ih = layout.Recurrent(decoder, l, 0).Of(values);
                var hh = layout.Recurrent(decoder, l, 1).Of(values);
                for (int g = 0; g < stack.Gates; g++)
                {
                    ParameterInitializer.GlorotUniform(ih.Slice(g * h * inputs, h * inputs), h, inputs, ref random);
                    ParameterInitializer.Orthogonal(hh.Slice(g * h * h, h * h), h, ref random);
                }

                if (shape.Kind == CellKind.Lstm)
                {
                    layout.Recurrent(decoder, l, 2).Of(values).Slice(h, h).Fill(1f);
                }
            }
        }

        foreach (var tensor in new[] { layout.General, layout.Memory, layout.Query, layout.Score, layout.Combine, layout.HeadWeight })
        {
            if (tensor.Length > 0)
            {
                ParameterInitializer.GlorotUniform(tensor.Of(values), tensor.Rows, tensor.Cols, ref random);
            }
        }

        return values;
    }
}
