using EdgeRnn.Trainer.Tests.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands.Dialects;

/// <summary><c>edgernn eval</c> reads every dialect of the recording contract as the plain comma file: the same figures.</summary>
public sealed class EvalDialectTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Lazy<string> _model;

    public EvalDialectTests()
    {
        _model = new(() =>
        {
            string data = _folder.Write("train.csv", DialectData.Sine(RecordingDialect.Comma, 800));
            string model = Path.Combine(_folder.Path, "model.ernn");
            var (code, _, error) = Run(["train", "--data", data, "--out", model, "--columns", "a,b", .. Small]);
            Assert.True(code == 0, error);
            return model;
        });
    }

    /// <summary>Every dialect with a header, each with another label column name.</summary>
    public static TheoryData<string, string> Dialects
    {
        get
        {
            string[] labels = ["anomaly", "is_anomaly", "class", "label"];
            var data = new TheoryData<string, string>();
            foreach (var (dialect, i) in RecordingDialect.All.Where(d => d.Header && d != RecordingDialect.Comma).Select((d, i) => (d, i)))
            {
                data.Add(dialect.Name, labels[i % labels.Length]);
            }

            return data;
        }
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Eval_ScoresWithLabelsAndNabWindows_SameFiguresInEveryDialect(string dialect, string labelName)
    {
        string windows = _folder.Write("windows.json", """{"x.csv": [["2014-02-14 10:00:00.000000", "2014-02-14 12:00:00.000000"]]}""");

        string plain = Eval(RecordingDialect.Comma, "label", "--windows", windows, "--windows-key", "x.csv");
        string other = Eval(RecordingDialect.Named(dialect), labelName, "--windows", windows, "--windows-key", "x.csv");

        Assert.Contains("NAB: 1 windows", plain, StringComparison.Ordinal);
        Assert.Equal(plain, other);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Eval_Model_SameFiguresInEveryDialect(string dialect, string labelName)
    {
        string plain = EvalModel(RecordingDialect.Comma, "label");
        string other = EvalModel(RecordingDialect.Named(dialect), labelName);

        Assert.StartsWith("model model.ernn", plain, StringComparison.Ordinal);
        Assert.Equal(plain, other);
    }

    [Fact]
    public void Eval_HeaderlessData_FailsAskingForTheHeader()
    {
        string data = _folder.Write(Path.Combine("headerless", "x.csv"), DialectData.Sine(RecordingDialect.Named("headerless"), 50, note: false));

        var result = Cli.Run("eval", "--model", _model.Value, "--data", data, "--label-column", "label");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("expected a header line with column names, found a row of numbers", result.Error, StringComparison.Ordinal);
    }

    /// <summary>eval --scores over 5-minute rows: timestamp, value, score, a label; the file is x.csv in a folder of its own.</summary>
    private string Eval(RecordingDialect dialect, string labelName, params string[] options)
    {
        var start = new DateTime(2014, 2, 14, 0, 0, 0, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, 300).Select(r => (IReadOnlyList<object>)[start.AddMinutes(5 * r), 10 + Math.Sin(r / 7.0), (r % 37) / 37.0, r is >= 120 and <= 144 ? 1 : 0, dialect.Note]);
        string data = _folder.Write(Path.Combine(dialect.Name, "x.csv"), dialect.Write(["timestamp", "value", "score", labelName, "note"], rows));

        var result = Cli.Run(["eval", "--scores", data, "--score-column", "score", "--label-column", labelName, .. options]);

        Assert.True(result.ExitCode == 0, $"{dialect}: {result.Error}");
        return result.Output;
    }

    private string EvalModel(RecordingDialect dialect, string labelName)
    {
        string data = _folder.Write(Path.Combine(dialect.Name, "test.csv"), DialectData.Sine(dialect, 400, labelName, seed: 2));

        var result = Cli.Run("eval", "--model", _model.Value, "--data", data, "--label-column", labelName);

        Assert.True(result.ExitCode == 0, $"{dialect}: {result.Error}");
        return result.Output;
    }
}
