using System.Text.Json.Nodes;
using EdgeRnn.Trainer.Tests.Import;

namespace EdgeRnn.Trainer.Tests.Commands.Dialects;

/// <summary>
/// <c>edgernn predict</c> reads every dialect of the recording contract as the plain comma file, as the board does: the
/// timestamp and label columns are not inputs, and the outputs are the same, byte for byte.
/// </summary>
public sealed class PredictDialectTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Dialects => [.. RecordingDialect.All.Where(d => d != RecordingDialect.Comma).Select(d => d.Name)];

    public static TheoryData<string> HeaderDialects => [.. RecordingDialect.All.Where(d => d.Header && d != RecordingDialect.Comma).Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Predict_ModelWithoutFeatureNames_ReadsTheDialectAsThePlainFile(string dialect)
    {
        var golden = GoldenCase.Load("lstm_3x13");
        string model = Cli.ImportGolden(golden.Name, _directory);

        // Without a header there is no label column: a labelled column would be an input.
        bool label = RecordingDialect.Named(dialect).Header;
        Assert.Equal(Predict(model, golden, RecordingDialect.Comma, label, note: false), Predict(model, golden, RecordingDialect.Named(dialect), label, note: false));
    }

    [Theory]
    [MemberData(nameof(HeaderDialects))]
    public void Predict_ModelWithFeatureNames_PicksTheColumnsOfEveryDialect(string dialect)
    {
        var golden = GoldenCase.Load("lstm_3x13");
        var json = TorchJson.Golden(golden.Name);
        json["feature_names"] = new JsonArray("pressure", "flow", "temperature");
        string jsonPath = _directory.File("named.json");
        json.Write(jsonPath);
        string model = Cli.ImportJson(jsonPath, _directory, "named.ernn");

        Assert.Equal(Predict(model, golden, RecordingDialect.Comma, label: true, note: true), Predict(model, golden, RecordingDialect.Named(dialect), label: true, note: true));
    }

    /// <summary>Runs predict on the golden inputs written in <paramref name="dialect"/> with a timestamp column first.</summary>
    private string Predict(string model, GoldenCase golden, RecordingDialect dialect, bool label, bool note)
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, golden.Steps).Select(t =>
        {
            object[] row = [start.AddSeconds(t * 0.1), .. golden.InputAt(t).ToArray().Select(v => (object)v)];
            row = label ? [.. row, t % 7 == 0 ? 1 : 0] : row;
            return (IReadOnlyList<object>)(note ? [.. row, dialect.Note] : row);
        });
        string[] names = ["time", "pressure", "flow", "temperature", .. label ? ["anomaly"] : Array.Empty<string>(), .. note ? ["note"] : Array.Empty<string>()];
        string input = _directory.File($"{dialect}.csv");
        File.WriteAllText(input, dialect.Write(names, rows));
        string output = _directory.File($"{dialect}.out.csv");

        var result = Cli.Run("predict", "--model", model, "--input", input, "--output", output);

        Assert.True(result.ExitCode == 0, $"{dialect}: {result.Error}");
        Assert.Contains($"{golden.Steps} steps", result.Output, StringComparison.Ordinal);
        return File.ReadAllText(output);
    }
}
