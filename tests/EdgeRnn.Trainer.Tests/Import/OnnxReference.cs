using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeRnn.Trainer.Tests.Import;

/// <summary>
/// ONNX Runtime's run of an .onnx file over a whole sequence: the reference an imported model is checked against. The
/// test files' input is [steps, 1, in] or [1, steps, in] and their outputs [steps, 1, n], [1, steps, n] or [steps, n]
/// and [layers, 1, H]: with the length-1 axes, each is row-major steps × features, as the runtime steps them.
/// </summary>
internal sealed class OnnxReference
{
    private readonly Dictionary<string, float[]> _outputs;

    private OnnxReference(Dictionary<string, float[]> outputs) => _outputs = outputs;

    /// <summary>The file's test models, copied next to the test assembly.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Import", "TestData", "onnx");

    /// <summary>The path of a test model.</summary>
    public static string PathOf(string name) => Path.Combine(Directory, name + ".onnx");

    /// <summary>Runs a model (a path or the bytes of one) on <paramref name="steps"/> steps of <paramref name="inputs"/>.</summary>
    public static OnnxReference Run(object model, float[] inputs, int steps)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = model is byte[] bytes ? new InferenceSession(bytes, options) : new InferenceSession((string)model, options);
        var (name, metadata) = session.InputMetadata.Single();
        int[] shape = [.. metadata.Dimensions.Select(d => d < 0 ? steps : d)];
        Assert.Equal(inputs.Length, shape.Aggregate(1, (a, b) => a * b));
        var tensor = new DenseTensor<float>(inputs, shape);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(name, tensor)]);
        return new OnnxReference(results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray(), StringComparer.Ordinal));
    }

    /// <summary>An output's values, row-major.</summary>
    public float[] this[string name] => _outputs[name];

    /// <summary>An output's values, or null when the model does not have it.</summary>
    public float[]? Optional(string name) => _outputs.GetValueOrDefault(name);

    /// <summary>Seeded standard normal values times <paramref name="scale"/>.</summary>
    public static float[] RandomInputs(int count, int seed, double scale = 1.5)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            double u = 1 - random.NextDouble();
            double v = random.NextDouble();
            values[i] = (float)(scale * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        }

        return values;
    }
}
