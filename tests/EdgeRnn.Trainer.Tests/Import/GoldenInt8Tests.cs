using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Trainer.Tests.Commands;
using Xunit.Abstractions;

namespace EdgeRnn.Trainer.Tests.Import;

/// <summary>
/// int8 accuracy on every golden case: the imported model is quantized (per-row int8 weights, per-step int8 activations)
/// and run step by step; the output RMSE against PyTorch, relative to the standard deviation of PyTorch's outputs, is
/// reported and bounded.
/// </summary>
public sealed class GoldenInt8Tests(ITestOutputHelper log) : IDisposable
{
    /// <summary>
    /// The bound on RMSE / std(output). Measured (see the table below); the bound leaves room above the worst case.
    /// </summary>
    private const double RelativeRmseBound = 0.10;

    private readonly TempDirectory _directory = new();

    public static TheoryData<string> Cases => GoldenCase.Names;

    public void Dispose() => _directory.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Step_QuantizedGoldenCase_RelativeRmseWithinMeasuredBound(string name)
    {
        var golden = GoldenCase.Load(name);
        var imported = Cli.LoadGolden(name, _directory);
        var model = RnnModel.FromDefinition(ModelQuantizer.Quantize(imported.Definition, out _));
        Assert.True(model.IsQuantized);
        var state = model.CreateState();
        var output = new float[golden.OutputSize];
        double squaredError = 0;
        double maxError = 0;
        for (int t = 0; t < golden.Steps; t++)
        {
            state.Step(golden.InputAt(t), output);
            var expected = golden.OutputAt(t);
            for (int i = 0; i < output.Length; i++)
            {
                double error = output[i] - expected[i];
                squaredError += error * error;
                maxError = Math.Max(maxError, Math.Abs(error));
            }
        }

        double rmse = Math.Sqrt(squaredError / golden.Output.Length);
        double std = StandardDeviation(golden.Output);
        double relative = rmse / std;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: int8 output RMSE {rmse:E3}, output std {std:E3}, RMSE/std {relative:F4}, max |error| {maxError:E3}"));
        Assert.True(relative <= RelativeRmseBound, string.Create(CultureInfo.InvariantCulture, $"{name}: expected RMSE/std ≤ {RelativeRmseBound}; found {relative:F4}."));
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
