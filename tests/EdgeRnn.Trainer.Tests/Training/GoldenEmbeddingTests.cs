using System.Globalization;
using System.Numerics;
using EdgeRnn.Training.Training.Engine;
using Xunit.Abstractions;

namespace EdgeRnn.Trainer.Tests.Training;

/// <summary>The embedding in front of layer 0 (tests/golden/emb_*.json): forward, cross-entropy and every gradient against PyTorch 1.13.</summary>
public sealed class GoldenEmbeddingTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases => new()
    {
        "emb_lstm_11x5x7", "emb_lstm_9x6x5x2", "emb_gru_12x4x9", "emb_gru_7x8x6x2", "emb_rnn_tanh_10x3x6", "emb_rnn_relu_8x5x4x2",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_Float64_LogitsAndFinalStatesMatchPyTorch(string name)
    {
        var golden = EmbeddingGoldenCase.Load(name);
        var network = new SequenceNetwork<double>(golden.Layout, golden.Parameters);
        var worker = new BpttWorker<double>(golden.Shape);
        var final = new RecurrentStates<double>(golden.Shape, golden.Windows);

        worker.Run(network, Batch<double>(golden), 0, golden.Windows, new BpttOptions(LossKind.CrossEntropyPerStep), golden.Labels.Length, null, final);

        double outputError = Tolerance.MaxRelativeError(worker.Outputs, golden.Output);
        double stateError = Tolerance.MaxRelativeError<double>(final.Hidden, golden.FinalH);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: logits {outputError:E2}, final h {stateError:E2}"));
        Assert.True(outputError <= 1e-7, $"logits max relative error {outputError:E3}");
        Assert.True(stateError <= 1e-7, $"final h max relative error {stateError:E3}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ComputeGradient_Float64_LossAndEveryGradientMatchPyTorch(string name) => CheckGradients<double>(name, chunkSize: 8, 1e-7);

    /// <summary>One window per chunk: each chunk scatters into its own gradient buffer and the engine adds them.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void ComputeGradient_Float64OneWindowPerChunk_MatchesPyTorch(string name) => CheckGradients<double>(name, chunkSize: 1, 1e-7);

    // float32 against float64 references: the bound of the other float32 gradient cases.

    [Theory]
    [MemberData(nameof(Cases))]
    public void ComputeGradient_Float32_MatchesPyTorchWithinFloat32Rounding(string name) => CheckGradients<float>(name, chunkSize: 8, 3e-5);

    [Fact]
    public void ComputeGradient_TokenNeverSeen_ItsRowGetsExactlyZero()
    {
        var golden = EmbeddingGoldenCase.Load("emb_lstm_11x5x7");
        Assert.DoesNotContain(0, golden.Tokens);
        var engine = new GradientEngine<double>(new SequenceNetwork<double>(golden.Layout, golden.Parameters), chunkSize: 8, threads: 1);

        engine.ComputeGradient(Batch<double>(golden), new BpttOptions(LossKind.CrossEntropyPerStep));

        var row0 = golden.Layout.Embedding.Of(engine.Gradient)[..golden.Shape.EmbeddingSize];
        Assert.All(row0.ToArray(), g => Assert.Equal(0.0, g));
        Assert.Contains(golden.Layout.Embedding.Of(engine.Gradient).ToArray(), g => g != 0);
    }

    [Fact]
    public void Run_InputNotOneHot_ThrowsSayingWhatWasExpected()
    {
        var golden = EmbeddingGoldenCase.Load("emb_gru_12x4x9");
        var inputs = golden.OneHotInputs<double>();
        inputs[golden.Shape.InputSize + 3] = 0.5;
        var batch = new SequenceBatch<double> { Count = golden.Windows, Steps = golden.Steps, Inputs = inputs, Labels = golden.Labels };
        var worker = new BpttWorker<double>(golden.Shape);

        var e = Assert.Throws<ArgumentException>(() => worker.Run(new SequenceNetwork<double>(golden.Layout, golden.Parameters), batch, 0, golden.Windows, new BpttOptions(LossKind.CrossEntropyPerStep), golden.Labels.Length, null, null));

        Assert.Contains("one-hot", e.Message, StringComparison.Ordinal);
        Assert.Contains("window 0, step 1", e.Message, StringComparison.Ordinal);
    }

    private static SequenceBatch<T> Batch<T>(EmbeddingGoldenCase golden)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new() { Count = golden.Windows, Steps = golden.Steps, Inputs = golden.OneHotInputs<T>(), Labels = golden.Labels };

    private void CheckGradients<T>(string name, int chunkSize, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var golden = EmbeddingGoldenCase.Load(name);
        var network = new SequenceNetwork<T>(golden.Layout, Tolerance.Convert<T>(golden.Parameters));
        var engine = new GradientEngine<T>(network, chunkSize, threads: 1);

        double loss = engine.ComputeGradient(Batch<T>(golden), new BpttOptions(LossKind.CrossEntropyPerStep));

        double lossError = Math.Abs(loss - golden.LossValue) / Math.Abs(golden.LossValue);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {typeof(T).Name} chunk {chunkSize}: loss rel. error {lossError:E2}"));
        Assert.True(lossError <= tolerance, $"loss {loss} vs {golden.LossValue}");
        Assert.Equal("embedding.weight", golden.Layout.Tensors[0].Name);
        foreach (var tensor in golden.Layout.Tensors)
        {
            double error = Tolerance.MaxRelativeError<T>(tensor.Of(engine.Gradient), golden.Gradients.AsSpan(tensor.Offset, tensor.Length));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {tensor.Name}: max rel. error {error:E2}"));
            Assert.True(error <= tolerance, $"{tensor.Name}: max relative error {error:E3} > {tolerance:E1}");
        }
    }
}
