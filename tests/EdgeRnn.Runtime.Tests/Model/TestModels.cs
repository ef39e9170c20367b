using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Model;

/// <summary>Seeded random model definitions for tests.</summary>
internal static class TestModels
{
    /// <summary>
    /// A model with PyTorch-style random weights, uniform in ±1/√hidden (biases too), identity normalisation, empty
    /// metadata and no scoring. The same arguments always give the same model; <paramref name="int8"/> gives the
    /// <see cref="ModelQuantizer"/> copy of the float model of the same seed.
    /// </summary>
    public static ModelDefinition Random(CellKind kind, int input, int hidden, int layers, int outputs, int seed, bool int8 = false)
    {
        var random = new Random(seed);
        float bound = 1f / MathF.Sqrt(hidden);
        int rows = kind.GateCount() * hidden;
        var stack = new RecurrentLayer[layers];
        for (int k = 0; k < layers; k++)
        {
            int width = k == 0 ? input : hidden;
            stack[k] = new RecurrentLayer(
                kind,
                WeightMatrix.FromFloat(rows, width, Uniform(random, rows * width, bound)),
                WeightMatrix.FromFloat(rows, hidden, Uniform(random, rows * hidden, bound)),
                Uniform(random, rows, bound),
                Uniform(random, rows, bound));
        }

        var head = new DenseLayer(WeightMatrix.FromFloat(outputs, hidden, Uniform(random, outputs * hidden, bound)), Uniform(random, outputs, bound));
        var definition = new ModelDefinition(stack, head);
        return int8 ? ModelQuantizer.Quantize(definition, out _) : definition;
    }

    /// <summary>
    /// A copy of <paramref name="definition"/> with random non-identity normalisation, full metadata (feature names, one
    /// target channel per output, properties with non-ASCII text) and enabled scoring.
    /// </summary>
    public static ModelDefinition Decorated(ModelDefinition definition, int seed)
    {
        var random = new Random(seed);
        int input = definition.InputSize;
        int outputs = definition.OutputSize;
        var metadata = new ModelMetadata
        {
            FeatureNames = Enumerable.Range(0, input).Select(i => $"sensor_{i}_°C").ToArray(),
            TargetChannels = Enumerable.Range(0, outputs).Select(i => i % input).ToArray(),
            SamplePeriodSeconds = 0.01 + random.NextDouble(),
            Task = (ModelTask)random.Next(4),
            Properties = new Dictionary<string, string>
            {
                ["trainer.epochs"] = random.Next(1, 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["source"] = "pump-7 vibration, Zürich ✓",
                ["empty"] = string.Empty,
                ["a"] = "first key in byte order",
            },
        };
        var scoring = new ScoringParameters
        {
            ErrorStd = Positive(random, outputs),
            LongWindow = 200 + random.Next(1000),
            ShortWindow = 1 + random.Next(50),
            Threshold = (float)random.NextDouble(),
        };
        var inputNormalization = new ChannelNormalization(Uniform(random, input, 10f), Positive(random, input));
        var outputNormalization = new ChannelNormalization(Uniform(random, outputs, 10f), Positive(random, outputs));
        return definition.With(metadata, scoring, inputNormalization, outputNormalization);
    }

    /// <summary><paramref name="count"/> values uniform in [−bound, bound).</summary>
    public static float[] Uniform(Random random, int count, float bound)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(((2 * random.NextDouble()) - 1) * bound);
        }

        return values;
    }

    private static float[] Positive(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = 0.05f + (float)random.NextDouble() * 3f;
        }

        return values;
    }
}
