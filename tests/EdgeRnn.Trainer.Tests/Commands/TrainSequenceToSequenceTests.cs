using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Trainer.Tests.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands;

/// <summary><c>edgernn train --horizon N</c> and <c>--task reconstruct</c>: encoder–decoder models and the options that do not fit them.</summary>
public sealed class TrainSequenceToSequenceTests
{
    [Theory]
    [InlineData("forecast", "lstm", "dot")]
    [InlineData("forecast", "gru", "additive:5")]
    [InlineData("reconstruct", "lstm", "general")]
    [InlineData("reconstruct", "gru", "none")]
    public void Train_EncoderDecoder_WritesAModelWithItsDecoder(string task, string cell, string attention)
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "plain.csv", 600);
        string model = Path.Combine(folder.Path, "m.ernn");
        string[] horizon = task == "forecast" ? ["--horizon", "6"] : [];

        var (code, output, error) = Run(["train", "--data", data, "--out", model, "--task", task, .. horizon, "--cell", cell, "--attention", attention, "--scheduled-sampling", "inverse-sigmoid:2", .. Small]);

        Assert.True(code == 0, error);
        Assert.Contains("encoder–decoder", output, StringComparison.Ordinal);
        Assert.Contains("(free-running)", output, StringComparison.Ordinal);
        Assert.Contains("validation RMSE by step", output, StringComparison.Ordinal);
        var definition = RnnModel.Load(model).Definition;
        var decoder = definition.Decoder;
        Assert.NotNull(decoder);
        Assert.Equal(task == "forecast" ? 6 : 24, decoder.Horizon);
        Assert.Equal(task == "forecast" ? DecoderStart.LastTargets : DecoderStart.Zeros, decoder.Start);
        Assert.Equal(task == "forecast" ? ModelTask.Forecast : ModelTask.Reconstruct, definition.Metadata.Task);
        Assert.Equal(attention.Split(':')[0], decoder.Attention.ToString().ToLowerInvariant());
        Assert.Equal(attention == "additive:5" ? 5 : 0, decoder.AttentionSize);
        Assert.Equal("scheduled sampling inverse-sigmoid:2", definition.Metadata.Properties["train.teacher_forcing"]);
    }

    [Fact]
    public void Train_Int8EncoderDecoder_ReportsInt8AgainstFloatAndRunsQuantized()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "plain.csv", 600);
        string model = Path.Combine(folder.Path, "q.ernn");

        var (code, output, error) = Run(["train", "--data", data, "--out", model, "--horizon", "5", "--attention", "additive", "--quantize", "int8", .. Small]);

        Assert.True(code == 0, error);
        Assert.Contains("model size int8", output, StringComparison.Ordinal);
        Assert.Contains("int8 vs float32", output, StringComparison.Ordinal);
        Assert.Contains("validation RMSE float32/int8", output, StringComparison.Ordinal);
        var loaded = RnnModel.Load(model);
        Assert.True(loaded.IsQuantized && loaded.Definition.Decoder!.IsQuantized);
        var decoder = loaded.CreateSequenceDecoder(24);
        var outputs = new float[5 * loaded.OutputSize];
        decoder.Run(new float[24 * loaded.InputSize], outputs);
        Assert.All(outputs, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void RnnTrainerTrain_Horizon_ReturnsAnEncoderDecoderThroughThePublicApi()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "plain.csv", 500);

        var trained = EdgeRnn.Training.RnnTrainer.Train([data], new EdgeRnn.Training.RnnTrainingOptions
        {
            Horizon = 4,
            Attention = AttentionKind.General,
            ScheduledSampling = EdgeRnn.Training.ScheduledSampling.Linear,
            Hidden = 8,
            Layers = 1,
            Window = 16,
            Epochs = 2,
            Threads = 1,
        });

        Assert.Equal(4, trained.Definition.Decoder!.Horizon);
        Assert.Equal(AttentionKind.General, trained.Definition.Decoder.Attention);
        Assert.Contains(trained.Summary, row => row.Key == "validation RMSE by step (in stds)");
    }

    [Fact]
    public void Train_HorizonOne_WritesTheSameBytesAsWithoutIt()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "plain.csv", 400);
        string plain = Path.Combine(folder.Path, "plain.ernn");
        string one = Path.Combine(folder.Path, "one.ernn");

        var first = Run(["train", "--data", data, "--out", plain, .. Small]);
        var second = Run(["train", "--data", data, "--out", one, "--horizon", "1", .. Small]);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Error + second.Error);
        Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(one));
    }

    [Fact]
    public void Train_SameSeedAndTeacherForcing_WritesTheSameBytes()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "plain.csv", 500);
        string a = Path.Combine(folder.Path, "a.ernn");
        string b = Path.Combine(folder.Path, "b.ernn");
        string[] options = ["--horizon", "4", "--teacher-forcing", "0.5", "--attention", "dot", "--seed", "3", "--hidden", "8", "--layers", "1", "--window", "24", "--epochs", "2"];

        Assert.Equal(0, Run(["train", "--data", data, "--out", a, .. options, "--threads", "1"]).ExitCode);
        Assert.Equal(0, Run(["train", "--data", data, "--out", b, .. options, "--threads", "2"]).ExitCode);

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Theory]
    [InlineData("--task classify --horizon 5", "--horizon: expected --task forecast")]
    [InlineData("--task reconstruct --horizon 5", "--horizon: a reconstruct model outputs its whole window")]
    [InlineData("--attention dot", "--attention: expected an encoder–decoder")]
    [InlineData("--horizon 1 --attention general", "--attention: expected an encoder–decoder")]
    [InlineData("--teacher-forcing 0.5", "--teacher-forcing: expected an encoder–decoder")]
    [InlineData("--scheduled-sampling linear", "--scheduled-sampling: expected an encoder–decoder")]
    [InlineData("--horizon 5 --teacher-forcing 0.5 --scheduled-sampling linear", "--teacher-forcing and --scheduled-sampling: expected one or the other")]
    [InlineData("--horizon 5 --teacher-forcing 1.5", "--teacher-forcing: expected a chance in [0, 1]")]
    [InlineData("--horizon 5 --scheduled-sampling inverse-sigmoid:0.5", "expected a finite k ≥ 1")]
    [InlineData("--horizon 5 --scheduled-sampling cosine", "--scheduled-sampling: expected linear or inverse-sigmoid:k")]
    [InlineData("--horizon 5 --attention dot:4", "--attention: expected a whole width after additive:")]
    [InlineData("--horizon 5 --attention luong", "--attention: expected none, dot, general or additive[:A]")]
    [InlineData("--horizon 5 --cell rnn", "--cell: expected lstm or gru for an encoder–decoder")]
    [InlineData("--horizon 5 --carry-state", "--carry-state: an encoder–decoder starts every window afresh")]
    [InlineData("--task reconstruct --bidirectional", "--bidirectional: expected --task classify or label")]
    [InlineData("--horizon 5 --dropout 0.2", "--dropout: not supported by the encoder–decoder")]
    [InlineData("--horizon 5000", "--horizon: expected 1 to 4096 rows")]
    public void Train_OptionsThatDoNotFit_FailWithAClearError(string options, string expected)
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "labelled.csv", 300, labels: true);

        var (code, _, error) = Run(["train", "--data", data, "--out", Path.Combine(folder.Path, "m.ernn"), .. options.Split(' '), .. Small]);

        Assert.NotEqual(0, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_HorizonLongerThanTheData_FailsNamingWindowAndHorizon()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "short.csv", 60);

        var (code, _, error) = Run(["train", "--data", data, "--out", Path.Combine(folder.Path, "m.ernn"), "--horizon", "40", .. Small]);

        Assert.NotEqual(0, code);
        Assert.Contains("Expected at least one training window of 24 steps plus the 40 rows it forecasts", error, StringComparison.Ordinal);
    }
}
