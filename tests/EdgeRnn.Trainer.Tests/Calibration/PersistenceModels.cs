using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Trainer.Tests.Calibration;

/// <summary>Hand-built one-channel forecasting models whose prediction is known exactly.</summary>
internal static class PersistenceModels
{
    /// <summary>
    /// ŷ(t+1) = x(t): a ReLU RNN with h = (relu(x), relu(−x)) and head relu(x) − relu(−x), plus a third unit 0.37·x whose
    /// head weight <paramref name="leak"/> is too small for int8 to keep (0 makes the int8 copy exact).
    /// </summary>
    public static RnnModel Persistence(float leak = 0f)
    {
        var layer = new RecurrentLayer(
            CellKind.RnnRelu,
            WeightMatrix.FromFloat(3, 1, [1f, -1f, 0.37f]),
            WeightMatrix.FromFloat(3, 3, new float[9]),
            new float[3],
            new float[3]);
        var head = new DenseLayer(WeightMatrix.FromFloat(1, 3, [1f, -1f, leak]), [0f]);
        var metadata = new ModelMetadata { FeatureNames = ["x"], TargetChannels = [0], SamplePeriodSeconds = 1, Task = ModelTask.Forecast };
        return RnnModel.FromDefinition(new ModelDefinition([layer], head, metadata: metadata));
    }

    /// <summary>A one-channel stream: a sine of the given period (steps) and amplitude 1, plus Gaussian noise.</summary>
    public static float[] Sine(int steps, double period, double noise, int seed)
    {
        var random = new Random(seed);
        var values = new float[steps];
        for (int t = 0; t < steps; t++)
        {
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[t] = (float)(Math.Sin(2 * Math.PI * t / period) + (noise * gaussian));
        }

        return values;
    }
}
