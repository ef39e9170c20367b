using EdgeRnn.Trainer.Tests.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands.Dialects;

/// <summary><c>edgernn quantize --data</c> reads every dialect of the recording contract as the plain comma file: the same report.</summary>
public sealed class QuantizeDialectTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Lazy<string> _model;

    public QuantizeDialectTests()
    {
        _model = new(() =>
        {
            string data = _folder.Write("train.csv", DialectData.Sine(RecordingDialect.Comma, 600));
            string model = Path.Combine(_folder.Path, "float.ernn");
            var (code, _, error) = Run(["train", "--data", data, "--out", model, "--quantize", "none", .. Small]);
            Assert.True(code == 0, error);
            return model;
        });
    }

    public static TheoryData<string> Dialects => [.. RecordingDialect.All.Where(d => d.Header && d != RecordingDialect.Comma).Select(d => d.Name)];

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Quantize_DataInADialect_ReportsWhatThePlainFileGives(string dialect)
    {
        string plain = Quantize(RecordingDialect.Comma);

        Assert.Contains("int8 changed alarm decisions", plain, StringComparison.Ordinal);
        Assert.Equal(plain, Quantize(RecordingDialect.Named(dialect)));
    }

    private string Quantize(RecordingDialect dialect)
    {
        string data = _folder.Write(Path.Combine(dialect.Name, "test.csv"), DialectData.Sine(dialect, 500, seed: 3));
        string output = Path.Combine(_folder.Path, dialect.Name, "q.ernn");

        var result = Cli.Run("quantize", "--in", _model.Value, "--out", output, "--data", data, "--part", "all");

        Assert.True(result.ExitCode == 0, $"{dialect}: {result.Error}");
        return result.Output.Replace(Path.Combine(_folder.Path, dialect.Name), "<folder>", StringComparison.Ordinal);
    }
}
