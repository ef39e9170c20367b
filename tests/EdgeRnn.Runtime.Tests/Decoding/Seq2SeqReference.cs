using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Decoding;

/// <summary>
/// The encoder–decoder of tools/golden_seq2seq.py in float64, straight from a <see cref="ModelDefinition"/> (weights
/// dequantized): normalisation, NaN hold, start, attention and de-normalisation as <see cref="RnnSequenceDecoder"/> documents.
/// </summary>
internal static class Seq2SeqReference
{
    public static double[] Run(ModelDefinition definition, float[] window)
    {
        var decoder = definition.Decoder!;
        int inputs = definition.InputSize;
        int steps = window.Length / inputs;
        int hidden = decoder.Layers[0].HiddenSize;
        int outputs = definition.OutputSize;
        var mean = definition.InputNormalization.Mean.ToArray();
        var std = definition.InputNormalization.Std.ToArray();
        var last = mean.Select(v => (double)v).ToArray();
        var h = definition.Layers.Select(_ => new double[hidden]).ToArray();
        var c = definition.Layers.Select(_ => new double[hidden]).ToArray();
        var memory = new double[steps][];
        for (int t = 0; t < steps; t++)
        {
            var x = new double[inputs];
            for (int i = 0; i < inputs; i++)
            {
                float raw = window[(t * inputs) + i];
                if (float.IsFinite(raw))
                {
                    last[i] = raw;
                }

                x[i] = Math.Clamp((last[i] - mean[i]) / std[i], -ChannelNormalization.InputClamp, ChannelNormalization.InputClamp);
            }

            for (int k = 0; k < definition.Layers.Count; k++)
            {
                Step(definition.Layers[k], x, h[k], c[k]);
                x = (double[])h[k].Clone();
            }

            memory[t] = x;
        }

        var outMean = definition.OutputNormalization.Mean.ToArray();
        var outStd = definition.OutputNormalization.Std.ToArray();
        var targets = definition.Metadata.TargetChannels.Count == outputs ? definition.Metadata.TargetChannels.ToArray() : Enumerable.Range(0, outputs).ToArray();
        var y = new double[outputs];
        if (decoder.Start == DecoderStart.LastTargets)
        {
            for (int j = 0; j < outputs; j++)
            {
                y[j] = (last[targets[j]] - outMean[j]) / outStd[j];
            }
        }

        var result = new double[decoder.Horizon * outputs];
        for (int n = 0; n < decoder.Horizon; n++)
        {
            var x = y;
            for (int k = 0; k < decoder.Layers.Count; k++)
            {
                Step(decoder.Layers[k], x, h[k], c[k]);
                x = (double[])h[k].Clone();
            }

            var z = decoder.Attention == AttentionKind.None ? x : Attend(decoder, memory, x);
            y = MatVec(definition.Head.Weight, z);
            for (int j = 0; j < outputs; j++)
            {
                y[j] += definition.Head.Bias[j];
                result[(n * outputs) + j] = (y[j] * outStd[j]) + outMean[j];
            }
        }

        return result;
    }

    private static double[] Attend(SequenceDecoder decoder, double[][] memory, double[] d)
    {
        int hidden = d.Length;
        var score = new double[memory.Length];
        for (int s = 0; s < memory.Length; s++)
        {
            score[s] = decoder.Attention switch
            {
                AttentionKind.Dot => Dot(memory[s], d),
                AttentionKind.General => Dot(MatVec(decoder.General!, memory[s]), d),
                _ => Dot(decoder.Score.ToArray().Select(v => (double)v).ToArray(), Add(MatVec(decoder.Memory!, memory[s]), MatVec(decoder.Query!, d)).Select(Math.Tanh).ToArray()),
            };
        }

        double max = score.Max();
        var a = score.Select(v => Math.Exp(v - max)).ToArray();
        double total = a.Sum();
        var joined = new double[2 * hidden];
        for (int s = 0; s < memory.Length; s++)
        {
            for (int j = 0; j < hidden; j++)
            {
                joined[j] += a[s] / total * memory[s][j];
            }
        }

        d.CopyTo(joined, hidden);
        return MatVec(decoder.Combine!, joined).Select(Math.Tanh).ToArray();
    }

    private static void Step(RecurrentLayer layer, double[] x, double[] h, double[] c)
    {
        int n = layer.HiddenSize;
        var gi = Add(MatVec(layer.WeightIh, x), layer.BiasIh.ToArray().Select(v => (double)v).ToArray());
        var gh = Add(MatVec(layer.WeightHh, h), layer.BiasHh.ToArray().Select(v => (double)v).ToArray());
        for (int j = 0; j < n; j++)
        {
            if (layer.Kind is CellKind.RnnTanh or CellKind.RnnRelu)
            {
                double a = gi[j] + gh[j];
                h[j] = layer.Kind == CellKind.RnnTanh ? Math.Tanh(a) : Math.Max(0, a);
            }
            else if (layer.Kind == CellKind.Lstm)
            {
                double i = Sigmoid(gi[j] + gh[j]), f = Sigmoid(gi[n + j] + gh[n + j]), g = Math.Tanh(gi[(2 * n) + j] + gh[(2 * n) + j]), o = Sigmoid(gi[(3 * n) + j] + gh[(3 * n) + j]);
                c[j] = (f * c[j]) + (i * g);
                h[j] = o * Math.Tanh(c[j]);
            }
            else
            {
                double r = Sigmoid(gi[j] + gh[j]), z = Sigmoid(gi[n + j] + gh[n + j]);
                double candidate = Math.Tanh(gi[(2 * n) + j] + (r * gh[(2 * n) + j]));
                h[j] = ((1 - z) * candidate) + (z * h[j]);
            }
        }
    }

    private static double[] MatVec(WeightMatrix w, double[] x)
    {
        var y = new double[w.Rows];
        for (int r = 0; r < w.Rows; r++)
        {
            for (int col = 0; col < w.Cols; col++)
            {
                y[r] += w[r, col] * x[col];
            }
        }

        return y;
    }

    private static double[] Add(double[] a, double[] b) => a.Zip(b, (p, q) => p + q).ToArray();

    private static double Dot(double[] a, double[] b) => a.Zip(b, (p, q) => p * q).Sum();

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
