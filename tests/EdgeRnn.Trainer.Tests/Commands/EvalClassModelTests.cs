using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Trainer.Tests.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands;

/// <summary>
/// <c>edgernn eval</c> and <c>edgernn predict</c> with classify/label models, bidirectional ones in windows as the board
/// labels: on 2,400 rows of the pump recording (models/pump/pump-demo.csv, rows 3,000 to 5,399, with the labelled fault
/// at rows 4,000 to 4,899), the figures and outputs equal what the runtime gives over the same windows.
/// </summary>
public sealed class EvalClassModelTests : IDisposable
{
    private const int Rows = 2400;
    private readonly TempFolder _folder = new();
    private readonly string _data;

    public EvalClassModelTests()
    {
        var lines = File.ReadLines(FindUp(Path.Combine("models", "pump", "pump-demo.csv"))).ToArray();
        _data = _folder.Write("pump.csv", string.Join('\n', lines[..1].Concat(lines[3001..(3001 + Rows)])) + "\n");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Eval_BidirectionalLabel_CountsTheRuntimesWindowsAgainstTheLabels()
    {
        string model = TrainModel("label", bidirectional: true);
        var (inputs, labels) = ReadPump();
        var expected = CountWindows(RnnModel.Load(model), inputs, labels, window: 24, lastOnly: false);

        var result = Cli.Run("eval", "--model", model, "--data", _data);

        Assert.True(result.ExitCode == 0, result.Error);
        string[] lines = Lines(result.Output);
        Assert.Contains("bidirectional label model, classes 0, 1, label column 'label'; windows of 24 samples every 24 (24 from the model's training window)", lines[0], StringComparison.Ordinal);
        Assert.Equal($"pump.csv: {Rows} rows, {Rows} read", lines[1]);
        Assert.StartsWith(Text($"accuracy {(expected[0, 0] + expected[1, 1]) / (double)Rows:F4}"), lines[2], StringComparison.Ordinal);
        Assert.Contains(Text($"  0      {expected[0, 0]}  {expected[0, 1]}"), lines);
        Assert.Contains(Text($"  1      {expected[1, 0]}  {expected[1, 1]}"), lines);
        Assert.Contains(lines, l => l.StartsWith("  last step", StringComparison.Ordinal) && l.Contains("     100  accuracy", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  middle third", StringComparison.Ordinal) && l.Contains("     800  accuracy", StringComparison.Ordinal));
    }

    [Fact]
    public void Predict_BidirectionalLabel_WritesEachRowsWindowOutputs()
    {
        string model = TrainModel("label", bidirectional: true);
        var loaded = RnnModel.Load(model);
        var (inputs, _) = ReadPump();
        string output = Path.Combine(_folder.Path, "out.csv");

        var result = Cli.Run("predict", "--model", model, "--input", _data, "--output", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("windows of 24 samples every 24", result.Output, StringComparison.Ordinal);
        var written = File.ReadAllLines(output);
        Assert.Equal("y0,y1", written[0]);
        Assert.Equal(Rows + 1, written.Length);
        var window = loaded.CreateWindow(24);
        var outputs = new float[24 * 2];
        for (int start = 0; start < Rows; start += 24)
        {
            window.Run(inputs.AsSpan(start * 3, 24 * 3), outputs);
            for (int t = 0; t < 24; t++)
            {
                float[] row = [.. written[1 + start + t].Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture))];
                Assert.Equal(outputs.AsSpan(t * 2, 2).ToArray(), row);
            }
        }
    }

    [Fact]
    public void Eval_BidirectionalClassify_ReadsOneClassPerWindowAndPredictLeavesOtherRowsEmpty()
    {
        string model = TrainModel("classify", bidirectional: true);
        var (inputs, labels) = ReadPump();
        var expected = CountWindows(RnnModel.Load(model), inputs, labels, window: 24, lastOnly: true);
        string output = Path.Combine(_folder.Path, "out.csv");

        var result = Cli.Run("eval", "--model", model, "--data", _data, "--label-column", "label", "--int8");
        var predicted = Cli.Run("predict", "--model", model, "--input", _data, "--output", output, "--window-every", "12");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(predicted.ExitCode == 0, predicted.Error);
        Assert.Contains("(int8, quantized from float32 by --int8), bidirectional classify model", result.Output, StringComparison.Ordinal);
        Assert.Contains($"pump.csv: {Rows} rows, {Rows / 24} read", result.Output, StringComparison.Ordinal);
        Assert.Equal(Rows / 24, expected[0, 0] + expected[0, 1] + expected[1, 0] + expected[1, 1]);
        var rows = File.ReadAllLines(output);
        Assert.Equal(",", rows[1]);
        Assert.Equal(",", rows[11]);
        Assert.NotEqual(",", rows[12]);
        Assert.Equal(Rows / 12, rows.Skip(1).Count(r => r != ","));
    }

    [Fact]
    public void Eval_UnidirectionalLabel_StepsThroughTheRowsOrReadsWindowsWhenAsked()
    {
        string model = TrainModel("label", bidirectional: false);
        var loaded = RnnModel.Load(model);
        var (inputs, labels) = ReadPump();
        var state = loaded.CreateState();
        var output = new float[2];
        long correct = 0;
        for (int r = 0; r < Rows; r++)
        {
            state.Step(inputs.AsSpan(r * 3, 3), output);
            correct += (output[1] > output[0] ? 1 : 0) == labels[r] ? 1 : 0;
        }

        var windows = CountWindows(loaded, inputs, labels, window: 48, lastOnly: false);

        var stepped = Cli.Run("eval", "--model", model, "--data", _data);
        var windowed = Cli.Run("eval", "--model", model, "--data", _data, "--window-samples", "48");

        Assert.True(stepped.ExitCode == 0, stepped.Error);
        Assert.Contains("label model, classes 0, 1, label column 'label'; stepped through every row from a fresh state", stepped.Output, StringComparison.Ordinal);
        Assert.Contains(Text($"accuracy {correct / (double)Rows:F4}"), stepped.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("by place in the window", stepped.Output, StringComparison.Ordinal);
        Assert.True(windowed.ExitCode == 0, windowed.Error);
        Assert.Contains("windows of 48 samples every 48 (48 from --window-samples)", windowed.Output, StringComparison.Ordinal);
        Assert.Contains(Text($"accuracy {(windows[0, 0] + windows[1, 1]) / (double)Rows:F4}"), windowed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ClassModel_RefusesScoreOptionsAndUnknownLabels()
    {
        string model = TrainModel("label", bidirectional: true);
        string strange = _folder.Write("strange.csv", File.ReadAllText(_data).Replace(",1\n", ",maybe\n", StringComparison.Ordinal));

        var threshold = Cli.Run("eval", "--model", model, "--data", _data, "--threshold", "0.5");
        var every = Cli.Run("eval", "--model", model, "--data", _data, "--window-every", "-3");
        var label = Cli.Run("eval", "--model", model, "--data", strange);

        Assert.Equal(1, threshold.ExitCode);
        Assert.Contains("--threshold: expected anomaly scores", threshold.Error, StringComparison.Ordinal);
        Assert.Equal(1, every.ExitCode);
        Assert.Contains("--window-every: expected 0 (every --window-samples) or more; found -3", every.Error, StringComparison.Ordinal);
        Assert.Equal(1, label.ExitCode);
        Assert.Contains("expected a label among the model's classes (0, 1) in 'label'; found \"maybe\"", label.Error, StringComparison.Ordinal);
    }

    private string TrainModel(string task, bool bidirectional)
    {
        string model = Path.Combine(_folder.Path, $"{task}-{bidirectional}.ernn");
        var (code, _, error) = Run(["train", "--data", _data, "--out", model, "--task", task, "--cell", "gru", "--seed", "3", .. Small, .. bidirectional ? new[] { "--bidirectional" } : []]);
        Assert.True(code == 0, error);
        return model;
    }

    /// <summary>The confusion matrix of the runtime's windows side by side (rows a multiple of the window).</summary>
    private static long[,] CountWindows(RnnModel model, float[] inputs, int[] labels, int window, bool lastOnly)
    {
        var counts = new long[2, 2];
        var runner = model.CreateWindow(window);
        var outputs = new float[window * 2];
        for (int start = 0; start < Rows; start += window)
        {
            runner.Run(inputs.AsSpan(start * 3, window * 3), lastOnly ? outputs.AsSpan(0, 2) : outputs);
            for (int t = lastOnly ? window - 1 : 0; t < window; t++)
            {
                int o = lastOnly ? 0 : t * 2;
                counts[labels[start + t], outputs[o + 1] > outputs[o] ? 1 : 0]++;
            }
        }

        return counts;
    }

    private (float[] Inputs, int[] Labels) ReadPump()
    {
        var rows = File.ReadAllLines(_data).Skip(1).Select(l => l.Split(',')).ToArray();
        float[] inputs = [.. rows.SelectMany(r => r[1..4].Select(v => float.Parse(v, CultureInfo.InvariantCulture)))];
        return (inputs, [.. rows.Select(r => int.Parse(r[4], CultureInfo.InvariantCulture))]);
    }

    private static string[] Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))];

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Expected {relative} in a folder above {AppContext.BaseDirectory}; found none.");
    }
}
