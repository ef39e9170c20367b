using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Device.Tests.Persistence;

/// <summary>Small seeded forecasting models for the device tests.</summary>
internal static class SmallModels
{
    /// <summary>An LSTM forecaster with named channels predicting every input, with scoring enabled.</summary>
    public static RnnModel Forecaster(int channels = 3, int hidden = 16, int seed = 5, float threshold = 0.99f, string[]? names = null)
    {
        var random = new Random(seed);
        float bound = 1f / MathF.Sqrt(hidden);
        int rows = 4 * hidden;
        var layer = new RecurrentLayer(
            CellKind.Lstm,
            WeightMatrix.FromFloat(rows, channels, Uniform(random, rows * channels, bound)),
            WeightMatrix.FromFloat(rows, hidden, Uniform(random, rows * hidden, bound)),
            Uniform(random, rows, bound),
            Uniform(random, rows, bound));
        var head = new DenseLayer(WeightMatrix.FromFloat(channels, hidden, Uniform(random, channels * hidden, bound)), Uniform(random, channels, bound));
        var metadata = new ModelMetadata
        {
            FeatureNames = names ?? Enumerable.Range(0, channels).Select(i => $"sensor{i}").ToArray(),
            TargetChannels = Enumerable.Range(0, channels).ToArray(),
            Task = ModelTask.Forecast,
        };
        var scoring = new ScoringParameters
        {
            ErrorStd = Enumerable.Repeat(1f, channels).ToArray(),
            LongWindow = 200,
            ShortWindow = 5,
            Threshold = threshold,
        };
        return RnnModel.FromDefinition(new ModelDefinition([layer], head, metadata: metadata, scoring: scoring));
    }

    private static float[] Uniform(Random random, int count, float bound)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(((2 * random.NextDouble()) - 1) * bound);
        }

        return values;
    }
}
