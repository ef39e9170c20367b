using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Trainer.Tests.Commands;
using Xunit.Abstractions;

namespace EdgeRnn.Trainer.Tests.Import;

/// <summary>
/// Every supported test model (tools/export_onnx.py) through the path a user takes: <c>edgernn import onnx</c> → .ernn
/// on disk → RnnModel.Load → RnnState.Step one sample at a time, against ONNX Runtime's run of the same .onnx file on
/// the whole sequence: the head's output and the last layer's output at every step, and each layer's final states,
/// within 1e-5.
/// </summary>
public sealed class OnnxAgreementTests : IDisposable
{
    /// <summary>The tolerance: float32 against float32, the same arithmetic in another order.</summary>
    internal const double Tolerance = 1e-5;

    private const int Steps = 64;

    private readonly TempDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public OnnxAgreementTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Supported => new()
    {
        "lstm_3x8",
        "lstm_5x12x2",
        "gru_4x6",
        "gru_6x16x2",
        "rnn_tanh_3x4",
        "rnn_tanh_8x10x2",
        "rnn_relu_4x5",
        "lstm_plain_4x7",
        "lstm_absent_states_3x8",
        "lstm_zero_peepholes_3x8",
    };

    public void Dispose() => _directory.Dispose();

    [Theory]
    [MemberData(nameof(Supported))]
    public void Step_ImportedOnnxFile_MatchesOnnxRuntimeAtEveryStep(string name)
    {
        string path = OnnxReference.PathOf(name);
        var model = RnnModel.Load(Import(path, _directory));
        float[] inputs = OnnxReference.RandomInputs(Steps * model.InputSize, seed: 20260 + name.Length);

        var reference = OnnxReference.Run(path, inputs, Steps);

        double worst = AssertAgrees(model, inputs, Steps, reference, name);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: max |error| against ONNX Runtime {worst:E2} over {Steps} steps"));
    }

    /// <summary>Imports with <c>edgernn import onnx</c> and returns the .ernn path.</summary>
    internal static string Import(string onnx, TempDirectory directory, params string[] options)
    {
        string model = directory.File(Path.GetFileNameWithoutExtension(onnx) + ".ernn");
        var result = Cli.Run(["import", "onnx", "--in", onnx, "--out", model, .. options]);
        Assert.True(result.ExitCode == 0, $"import failed with {result.ExitCode}: {result.Error}");
        return model;
    }

    /// <summary>
    /// Steps <paramref name="model"/> over the inputs and compares with ONNX Runtime's outputs <c>y</c> and, when the file
    /// has them, <c>hidden</c> (the last layer's output), <c>h_n</c> and <c>c_n</c>; returns the largest error.
    /// </summary>
    internal static double AssertAgrees(RnnModel model, float[] inputs, int steps, OnnxReference reference, string name)
    {
        var state = model.CreateState();
        int inputSize = model.InputSize;
        int outputSize = model.OutputSize;
        var layers = model.Definition.Layers;
        int last = layers.Count - 1;
        float[] y = reference["y"];
        float[]? hidden = reference.Optional("hidden");
        Assert.Equal(steps * outputSize, y.Length);
        var output = new float[outputSize];
        double worst = 0;
        for (int t = 0; t < steps; t++)
        {
            state.Step(inputs.AsSpan(t * inputSize, inputSize), output);
            worst = Math.Max(worst, Compare(y.AsSpan(t * outputSize, outputSize), output, $"{name} step {t} output"));
            if (hidden is not null)
            {
                int width = layers[last].HiddenSize;
                worst = Math.Max(worst, Compare(hidden.AsSpan(t * width, width), state.Hidden(last), $"{name} step {t} last layer's h"));
            }
        }

        foreach (var (output_, cell) in new[] { ("h_n", false), ("c_n", true) })
        {
            if (reference.Optional(output_) is not { } final)
            {
                continue;
            }

            int offset = 0;
            for (int k = 0; k < layers.Count; k++)
            {
                int width = layers[k].HiddenSize;
                var actual = cell ? state.Cell(k) : state.Hidden(k);
                worst = Math.Max(worst, Compare(final.AsSpan(offset, width), actual, $"{name} final {output_} of layer {k}"));
                offset += width;
            }

            Assert.Equal(final.Length, offset);
        }

        return worst;
    }

    private static double Compare(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string where)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)expected[i] - actual[i]);
            if (!(error <= Tolerance))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{where}, index {i}: ONNX Runtime {expected[i]:G9}; EdgeRnn {actual[i]:G9} (|error| {error:E2} > {Tolerance:E0})."));
            }

            worst = Math.Max(worst, error);
        }

        return worst;
    }
}
