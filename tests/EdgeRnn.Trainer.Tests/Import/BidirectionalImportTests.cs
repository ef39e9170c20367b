using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Trainer.Tests.Commands;

namespace EdgeRnn.Trainer.Tests.Import;

/// <summary>
/// The bidirectional golden cases through <c>edgernn import torch</c> → .ernn → RnnModel.Load → <see cref="RnnWindow"/>,
/// matched against PyTorch within 1e-4 (float32 weights).
/// </summary>
public sealed class BidirectionalImportTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public static TheoryData<string> Cases
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (string file in Directory.GetFiles(GoldenCase.Directory, "bidi_*.json").Order(StringComparer.Ordinal))
            {
                names.Add(Path.GetFileNameWithoutExtension(file));
            }

            return names;
        }
    }

    public void Dispose() => _directory.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Window_ImportedBidirectionalCase_MatchesPyTorch(string name)
    {
        var golden = GoldenCase.Load(name);
        var model = Cli.LoadGolden(name, _directory);
        Assert.True(model.Definition.IsBidirectional);
        Assert.All(model.Definition.Layers, l => Assert.True(l.IsBidirectional));
        var window = model.CreateWindow(golden.Steps);
        var outputs = new float[golden.Steps * golden.OutputSize];

        window.Run(golden.Input, outputs);

        for (int t = 0; t < golden.Steps; t++)
        {
            Tolerance.AssertClose(golden.OutputAt(t), outputs.AsSpan(t * golden.OutputSize, golden.OutputSize), Tolerance.Golden, $"{name} step {t} output");
        }

        for (int k = 0; k < golden.Layers; k++)
        {
            Tolerance.AssertClose(golden.FinalH.AsSpan(2 * k * golden.HiddenSize, golden.HiddenSize), window.Hidden(k), Tolerance.Golden, $"{name} final h forward {k}");
            Tolerance.AssertClose(golden.FinalH.AsSpan(((2 * k) + 1) * golden.HiddenSize, golden.HiddenSize), window.Hidden(k, reverse: true), Tolerance.Golden, $"{name} final h reverse {k}");
        }
    }

    [Fact]
    public void Import_BidirectionalModel_WritesFormat12()
    {
        string path = Cli.ImportGolden("bidi_lstm_3x7x2", _directory);

        byte[] file = File.ReadAllBytes(path);

        Assert.Equal(2, BitConverter.ToUInt16(file, 10));
        Assert.Throws<NotSupportedException>(() => RnnModel.Load(file).CreateState());
    }

    [Fact]
    public void Inspect_BidirectionalModel_ShowsBothDirections()
    {
        string path = Cli.ImportGolden("bidi_lstm_3x7x2", _directory);

        var result = Cli.Run("inspect", path);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("2×7 (bidirectional)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_BidirectionalModel_FailsSayingToRunWindows()
    {
        string path = Cli.ImportGolden("bidi_gru_4x9", _directory);
        string input = _directory.File("in.csv");
        File.WriteAllText(input, "a,b,c,d\n1,2,3,4\n");

        var result = Cli.Run("predict", "--model", path, "--input", input, "--output", _directory.File("out.csv"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("bidirectional", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_BidirectionalModel_ReportsTheReverseMatrices()
    {
        var model = Cli.LoadGolden("bidi_gru_2x5x2", _directory);

        ModelQuantizer.Quantize(model.Definition, out var report);

        Assert.Equal(
            ["rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.weight_ih_l0_reverse", "rnn.weight_hh_l0_reverse", "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.weight_ih_l1_reverse", "rnn.weight_hh_l1_reverse", "head.weight"],
            report.Matrices.Select(m => m.Name));
    }
}
