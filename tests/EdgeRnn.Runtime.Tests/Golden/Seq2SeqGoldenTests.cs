using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Golden;

public class Seq2SeqGoldenTests
{
    /// <summary>
    /// The int8 bound on max |y_int8 − y_torch|, relative to the case's largest |output| with a floor of 1: the six cases
    /// measure 4.6e-4 to 2.0e-3 (per-row int8 weights and per-vector int8 inputs, errors carried through the fed-back outputs).
    /// </summary>
    private const double Int8Bound = 1e-2;

    public static TheoryData<string> Cases() => Seq2SeqCase.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_Float32_MatchesPyTorchFreeOutputAndEncoderState(string name)
    {
        var golden = Seq2SeqCase.Load(name);
        var runner = RnnModel.FromDefinition(golden.Definition).CreateSequenceDecoder(golden.Input.Length / golden.Definition.InputSize);
        var outputs = new float[golden.FreeOutput.Length];

        runner.Run(golden.Input, outputs);

        AssertClose(golden.FreeOutput, outputs, 1e-5, "free_output");
        int layers = golden.Definition.Layers.Count;
        int hidden = golden.Definition.Layers[0].HiddenSize;
        for (int k = 0; k < layers; k++)
        {
            AssertClose(golden.FinalH.AsSpan(k * hidden, hidden).ToArray(), runner.EncoderHidden(k).ToArray(), 1e-5, $"encoder_final_h[{k}]");
            if (golden.FinalC is { } c)
            {
                AssertClose(c.AsSpan(k * hidden, hidden).ToArray(), runner.EncoderCell(k).ToArray(), 1e-5, $"encoder_final_c[{k}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_Int8_WithinTheInt8BoundOfPyTorch(string name)
    {
        var golden = Seq2SeqCase.Load(name);
        var quantized = ModelQuantizer.Quantize(golden.Definition, out _);
        Assert.True(quantized.Decoder!.IsQuantized);
        var runner = RnnModel.FromDefinition(quantized).CreateSequenceDecoder(golden.Input.Length / golden.Definition.InputSize);
        var outputs = new float[golden.FreeOutput.Length];

        runner.Run(golden.Input, outputs);

        double scale = Math.Max(1, golden.FreeOutput.Max(Math.Abs));
        double max = golden.FreeOutput.Select((e, i) => Math.Abs(e - outputs[i])).Max();
        Assert.True(max <= Int8Bound * scale, $"int8 max |delta| {max:E3}, scale {scale:F3}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_Twice_SameBits(string name)
    {
        var golden = Seq2SeqCase.Load(name);
        var runner = RnnModel.FromDefinition(golden.Definition).CreateSequenceDecoder(64);
        var first = new float[golden.FreeOutput.Length];
        var second = new float[golden.FreeOutput.Length];
        var other = new float[golden.FreeOutput.Length];

        runner.Run(golden.Input, first);
        runner.Run(golden.Input.AsSpan(golden.Definition.InputSize), other);   // a shorter window between
        runner.Run(golden.Input, second);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    private static void AssertClose(double[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double delta = Math.Abs(expected[i] - actual[i]);
            Assert.True(delta <= tolerance, $"{what}[{i}]: expected {expected[i]:R}, found {actual[i]:R} (|delta| {delta:E2} > {tolerance:E1}).");
        }
    }
}
