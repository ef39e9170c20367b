using EdgeRnn.Runtime;

namespace EdgeRnn.Trainer.Tests.Commands;

public sealed class QuantizeCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Quantize_FloatModel_WritesInt8CopyAndReportsEveryMatrix()
    {
        string source = Cli.ImportGolden("gru_8x64x2", _directory);
        string target = _directory.File("gru.int8.ernn");

        var result = Cli.Run("quantize", "--in", source, "--out", target);

        Assert.Equal(0, result.ExitCode);
        var original = RnnModel.Load(source);
        var quantized = RnnModel.Load(target);
        Assert.True(quantized.IsQuantized);
        Assert.Equal(original.InputSize, quantized.InputSize);
        Assert.Equal(original.OutputSize, quantized.OutputSize);
        Assert.True(new FileInfo(target).Length < new FileInfo(source).Length / 2, "an int8 file should be well under half the float32 file");
        foreach (string matrix in new[] { "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.weight_ih_l1", "rnn.weight_hh_l1", "head.weight" })
        {
            Assert.Contains(matrix, result.Output, StringComparison.Ordinal);
        }

        Assert.Contains("192 × 8", result.Output, StringComparison.Ordinal);
        Assert.Contains($"checksum 0x{quantized.Checksum:X8}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_Int8Model_ExitsOneSayingSo()
    {
        string source = Cli.ImportGolden("lstm_1x8", _directory);
        string once = _directory.File("once.ernn");
        Assert.Equal(0, Cli.Run("quantize", "--in", source, "--out", once).ExitCode);

        var result = Cli.Run("quantize", "--in", once, "--out", _directory.File("twice.ernn"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: once.ernn: expected a float32 model; found one with int8 weights already.", result.Error.TrimEnd());
        Assert.False(File.Exists(_directory.File("twice.ernn")));
    }

    [Fact]
    public void Quantize_CorruptModel_ExitsOneWithOneLine()
    {
        string source = _directory.File("corrupt.ernn");
        File.WriteAllBytes(source, [.. "not a model file at all, just some text"u8]);

        var result = Cli.Run("quantize", "--in", source, "--out", _directory.File("out.ernn"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }
}
