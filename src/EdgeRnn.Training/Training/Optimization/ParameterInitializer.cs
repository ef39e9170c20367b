using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Training.Optimization;

/// <summary>
/// Initial weights, from a seed: each gate block of W_ih (H × in) Glorot/Xavier uniform, U(±√(6 / (in + H)));
/// each gate block of W_hh (H × H) orthogonal (modified Gram–Schmidt on a seeded Gaussian matrix); the head Glorot uniform;
/// biases 0, except the LSTM forget-gate block of <c>bias_ih</c> = 1 (<c>bias_hh</c> stays 0, so the forget gate's total
/// bias is 1, as Keras' unit_forget_bias). An embedding table is N(0, 1), as PyTorch's <c>nn.Embedding</c>, in both
/// initialisations (drawn after everything else, so the other tensors are those of the same network without one).
/// </summary>
internal static class ParameterInitializer
{
    /// <summary>
    /// PyTorch's default initialisation instead: every weight and both biases of every layer U(±1/√H), the head's weight and
    /// bias U(±1/√H) (nn.Linear with fan-in H). For parity runs against PyTorch.
    /// </summary>
    public static float[] InitializeLikePyTorch(ParameterLayout layout, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var values = new float[layout.Count];
        var random = new DeterministicRandom(seed, 0x1418);
        double bound = 1 / Math.Sqrt(layout.Shape.HiddenSize);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(bound * ((2 * random.NextDouble()) - 1));
        }

        StandardNormalEmbedding(layout, values, ref random);
        return values;
    }

    public static float[] Initialize(ParameterLayout layout, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var shape = layout.Shape;
        var values = new float[layout.Count];
        var random = new DeterministicRandom(seed, 0x1417);
        int h = shape.HiddenSize;
        for (int l = 0; l < shape.Units; l++)
        {
            int inputs = shape.UnitInputSize(l);
            var ih = layout.WeightIh(l).Of(values);
            var hh = layout.WeightHh(l).Of(values);
            for (int g = 0; g < shape.Gates; g++)
            {
                GlorotUniform(ih.Slice(g * h * inputs, h * inputs), h, inputs, ref random);
                Orthogonal(hh.Slice(g * h * h, h * h), h, ref random);
            }

            if (shape.Kind == CellKind.Lstm)
            {
                layout.BiasIh(l).Of(values).Slice(h, h).Fill(1f);
            }
        }

        GlorotUniform(layout.HeadWeight.Of(values), shape.OutputSize, shape.LayerOutputSize, ref random);
        StandardNormalEmbedding(layout, values, ref random);
        return values;
    }

    private static void StandardNormalEmbedding(ParameterLayout layout, float[] values, ref DeterministicRandom random)
    {
        if (!layout.Shape.HasEmbedding)
        {
            return;
        }

        var table = layout.Embedding.Of(values);
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = (float)random.NextGaussian();
        }
    }

    internal static void GlorotUniform(Span<float> matrix, int fanOut, int fanIn, ref DeterministicRandom random)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < matrix.Length; i++)
        {
            matrix[i] = (float)(limit * ((2 * random.NextDouble()) - 1));
        }
    }

    /// <summary>An n × n orthogonal matrix: the rows of a Gaussian matrix made orthonormal (Gram–Schmidt, twice for accuracy).</summary>
    internal static void Orthogonal(Span<float> matrix, int n, ref DeterministicRandom random)
    {
        var q = new double[n * n];
        for (int i = 0; i < q.Length; i++)
        {
            q[i] = random.NextGaussian();
        }

        for (int r = 0; r < n; r++)
        {
            var row = q.AsSpan(r * n, n);
            for (int pass = 0; pass < 2; pass++)
            {
                for (int p = 0; p < r; p++)
                {
                    var previous = q.AsSpan(p * n, n);
                    double dot = 0;
                    for (int c = 0; c < n; c++)
                    {
                        dot += row[c] * previous[c];
                    }

                    for (int c = 0; c < n; c++)
                    {
                        row[c] -= dot * previous[c];
                    }
                }
            }

            double norm = 0;
            foreach (double x in row)
            {
                norm += x * x;
            }

            norm = Math.Sqrt(norm);
            for (int c = 0; c < n; c++)
            {
                row[c] /= norm;
                matrix[(r * n) + c] = (float)row[c];
            }
        }
    }
}
