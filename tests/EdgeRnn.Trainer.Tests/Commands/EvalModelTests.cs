using System.Globalization;
using System.Text;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Training.Evaluation;
using EdgeRnn.Trainer.Tests.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands;

/// <summary><c>edgernn eval --model</c>: a model's own scores on labelled rows, evaluated as a score file's would be.</summary>
public sealed class EvalModelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Eval_Model_PrintsWhatEvalPrintsForTheSameScoresFromAFile()
    {
        string model = Train(SineCsv(_folder, "train.csv", 800, labels: true, seed: 1), "--quantize", "int8");
        string data = WithMissingCell(SineCsv(_folder, "test.csv", 600, labels: true, seed: 2), row: 300);
        string scores = WriteScores(RnnModel.Load(model), data);
        string report = Path.Combine(_folder.Path, "report.html");

        var byModel = Cli.Run("eval", "--model", model, "--data", data, "--label-column", "label", "--report", report);
        var byFile = Cli.Run("eval", "--scores", scores, "--data", data, "--label-column", "label");

        Assert.True(byModel.ExitCode == 0, byModel.Error);
        Assert.True(byFile.ExitCode == 0, byFile.Error);
        string[] modelLines = Lines(byModel.Output);
        string[] fileLines = Lines(byFile.Output);
        Assert.StartsWith("model model.ernn (int8), inputs a, b, alarm threshold ", modelLines[0], StringComparison.Ordinal);
        Assert.Equal(fileLines, modelLines[1..(1 + fileLines.Length)]);
        Assert.Contains("test.csv: 600 rows", fileLines[0], StringComparison.Ordinal);
        Assert.True(File.Exists(report));
    }

    [Fact]
    public void Eval_Model_ReportsTheFiguresAtTheModelsOwnThreshold()
    {
        string model = Train(SineCsv(_folder, "train.csv", 800, labels: true, seed: 1), "--quantize", "int8");
        string data = SineCsv(_folder, "test.csv", 500, labels: true, seed: 3);
        var loaded = RnnModel.Load(model);
        float threshold = loaded.Definition.Scoring.Threshold;
        var (scores, labels) = ScoreRows(loaded, data);
        var expected = ConfusionCounts.FromScores(scores, threshold, labels);

        var result = Cli.Run("eval", "--model", model, "--data", data, "--label-column", "label");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture, $"at the model's threshold {threshold:G6}: precision {expected.Precision:F4}  recall {expected.Recall:F4}"),
            result.Output,
            StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"(TP {expected.TruePositives}  FP {expected.FalsePositives}  TN {expected.TrueNegatives}  FN {expected.FalseNegatives})"), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ModelWithInt8_ScoresWithTheQuantizedCopy()
    {
        string model = Train(SineCsv(_folder, "train.csv", 800, labels: true, seed: 1), "--quantize", "none");
        string data = SineCsv(_folder, "test.csv", 500, labels: true, seed: 4);
        var quantized = RnnModel.FromDefinition(ModelQuantizer.Quantize(RnnModel.Load(model).Definition, out _));
        string scores = WriteScores(quantized, data);

        var byModel = Cli.Run("eval", "--model", model, "--int8", "--data", data, "--label-column", "label");
        var byFile = Cli.Run("eval", "--scores", scores, "--data", data, "--label-column", "label");

        Assert.True(byModel.ExitCode == 0, byModel.Error);
        string[] modelLines = Lines(byModel.Output);
        Assert.Contains("(int8, quantized from float32 by --int8)", modelLines[0], StringComparison.Ordinal);
        string[] fileLines = Lines(byFile.Output);
        Assert.Equal(fileLines, modelLines[1..(1 + fileLines.Length)]);
    }

    [Fact]
    public void Eval_ScoresAndModel_FailsSayingBoth()
    {
        string data = SineCsv(_folder, "test.csv", 100, labels: true);

        var result = Cli.Run("eval", "--scores", data, "--model", data, "--data", data, "--label-column", "label");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("edgernn eval: expected either --scores (a CSV of scores) or --model (a model to score --data with), found both", result.Error.TrimEnd());
    }

    [Fact]
    public void Eval_NeitherScoresNorModel_FailsSayingNeither()
    {
        string data = SineCsv(_folder, "test.csv", 100, labels: true);

        var result = Cli.Run("eval", "--data", data, "--label-column", "label");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("expected either --scores (a CSV of scores) or --model (a model to score --data with), found neither", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ModelWithoutData_FailsAskingForData()
    {
        string model = Train(SineCsv(_folder, "train.csv", 600, labels: true), "--quantize", "int8");

        var result = Cli.Run("eval", "--model", model, "--label-column", "label");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--model: expected --data", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_Int8WithScores_FailsSayingItNeedsAModel()
    {
        string data = SineCsv(_folder, "test.csv", 100, labels: true);

        var result = Cli.Run("eval", "--scores", data, "--score-column", "a", "--int8", "--label-column", "label");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--int8: expected --model", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ModelDataWithoutAFeatureColumn_FailsNamingExpectedAndFound()
    {
        string model = Train(SineCsv(_folder, "train.csv", 600, labels: true), "--quantize", "int8");
        string data = _folder.Write("other.csv", "timestamp,a,c,label\n1,0.1,0.2,0\n2,0.3,0.4,1\n");

        var result = Cli.Run("eval", "--model", model, "--data", data, "--label-column", "label");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("other.csv, line 1: expected the columns of model.ernn's inputs (a, b); found no 'b' among timestamp, a, c, label", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ClassifyModel_CountsItsClassesInsteadOfScores()
    {
        // Until issue 17 point 6, eval refused a classify model ("expected a forecasting model with anomaly scoring"); it
        // now counts its classes against the labels (EvalClassModelTests checks the figures).
        string model = Train(SineCsv(_folder, "train.csv", 600, labels: true), "--task", "classify");
        string data = SineCsv(_folder, "test.csv", 100, labels: true);

        var result = Cli.Run("eval", "--model", model, "--data", data, "--label-column", "label");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("model.ernn (float32), classify model, classes 0, 1, label column 'label'; stepped through every row from a fresh state", result.Output, StringComparison.Ordinal);
        Assert.Contains("test.csv: 100 rows, 100 read", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_Help_DocumentsModelAndInt8()
    {
        var result = Cli.Run("eval", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string expected in new[] { "--model", "--int8", "--scores", "--data", "--label-column", "--windows", "--report" })
        {
            Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        }
    }

    private string Train(string data, params string[] options)
    {
        string model = Path.Combine(_folder.Path, "model.ernn");
        var trained = Run(["train", "--data", data, "--out", model, "--columns", "a,b", .. options, .. Small]);
        Assert.True(trained.ExitCode == 0, trained.Error);
        return model;
    }

    /// <summary>Runs the model's detector over the rows of a SineCsv file (timestamp,a,b,label), an empty cell as NaN.</summary>
    private static (float[] Scores, bool[] Labels) ScoreRows(RnnModel model, string data)
    {
        var detector = new AnomalyDetector(model);
        var scores = new List<float>();
        var labels = new List<bool>();
        foreach (string line in File.ReadLines(data).Skip(1))
        {
            string[] cells = line.Split(',');
            float[] sample = [Parse(cells[1]), Parse(cells[2])];
            scores.Add(detector.Process(sample).Score);
            labels.Add(cells[3] == "1");
        }

        return (scores.ToArray(), labels.ToArray());
    }

    private string WriteScores(RnnModel model, string data)
    {
        var text = new StringBuilder("anomaly_score\n");
        foreach (float score in ScoreRows(model, data).Scores)
        {
            text.Append(((double)score).ToString("G17", CultureInfo.InvariantCulture)).Append('\n');
        }

        return _folder.Write("scores.csv", text.ToString());
    }

    private static string WithMissingCell(string path, int row)
    {
        string[] lines = File.ReadAllLines(path);
        string[] cells = lines[row].Split(',');
        cells[1] = string.Empty;
        lines[row] = string.Join(',', cells);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static float Parse(string cell) =>
        cell.Length == 0 ? float.NaN : (float)double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
