using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EdgeRnn.Trainer.Tests.Import;

namespace EdgeRnn.Trainer.Tests.Commands;

public sealed class PredictCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Predict_GoldenInputs_WritesGoldenOutputsOneRowPerStep(bool header)
    {
        var golden = GoldenCase.Load("lstm_3x13");
        string model = Cli.ImportGolden(golden.Name, _directory);
        string input = WriteInputs(golden, header ? "a,b,c" : null, (t, i) => golden.InputAt(t)[i]);
        string output = _directory.File("y.csv");

        var result = Cli.Run("predict", "--model", model, "--input", input, "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.Contains($"{golden.Steps} steps", result.Output, StringComparison.Ordinal);
        var rows = ReadOutputs(output, out string outputHeader);
        Assert.Equal("y0,y1,y2", outputHeader);
        Assert.Equal(golden.Steps, rows.Count);
        for (int t = 0; t < golden.Steps; t++)
        {
            Tolerance.AssertClose(golden.OutputAt(t), rows[t], Tolerance.Golden, $"row {t + 1}");
        }
    }

    [Fact]
    public void Predict_HeaderWithFeatureNames_PicksColumnsByNameAndNamesTargets()
    {
        var golden = GoldenCase.Load("lstm_3x13");
        var json = TorchJson.Golden(golden.Name);
        json["feature_names"] = new JsonArray("pressure", "flow", "temperature");
        json["target_channels"] = new JsonArray(2, 0, 1);
        string jsonPath = _directory.File("named.json");
        json.Write(jsonPath);
        string model = Cli.ImportJson(jsonPath, _directory, "named.ernn");
        // Columns shuffled, plus a time stamp the model does not use.
        int[] order = [2, 0, 1];
        string input = WriteInputs(golden, "time,temperature,pressure,flow", (t, i) => i == 0 ? t * 0.5f : golden.InputAt(t)[order[i - 1]], columns: 4);
        string output = _directory.File("y.csv");

        var result = Cli.Run("predict", "--model", model, "--input", input, "--output", output);

        Assert.Equal(0, result.ExitCode);
        var rows = ReadOutputs(output, out string outputHeader);
        Assert.Equal("temperature,pressure,flow", outputHeader);
        for (int t = 0; t < golden.Steps; t++)
        {
            Tolerance.AssertClose(golden.OutputAt(t), rows[t], Tolerance.Golden, $"row {t + 1}");
        }
    }

    [Fact]
    public void Predict_Int8_RunsAQuantizedCopyCloseToGolden()
    {
        var golden = GoldenCase.Load("gru_8x64x2");
        string model = Cli.ImportGolden(golden.Name, _directory);
        string input = WriteInputs(golden, null, (t, i) => golden.InputAt(t)[i]);
        string output = _directory.File("y.csv");

        var result = Cli.Run("predict", "--model", model, "--input", input, "--output", output, "--int8");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("int8, quantized on the fly", result.Output, StringComparison.Ordinal);
        var rows = ReadOutputs(output, out _);
        double worst = 0;
        bool anyDifferent = false;
        for (int t = 0; t < golden.Steps; t++)
        {
            for (int i = 0; i < golden.OutputSize; i++)
            {
                double error = Math.Abs(rows[t][i] - golden.OutputAt(t)[i]);
                worst = Math.Max(worst, error);
                anyDifferent |= error > 1e-6;
            }
        }

        Assert.True(anyDifferent, "int8 outputs should differ from float32 ones: the model was not quantized.");
        // Measured worst |error| of this case through the runtime: 2.0e-3 (see GoldenInt8Tests).
        Assert.True(worst < 0.01, $"int8 outputs should stay near the float32 ones; worst |error| {worst}.");
    }

    [Fact]
    public void Predict_Int8ModelFile_RunsItAsIs()
    {
        var golden = GoldenCase.Load("rnn_relu_4x16x2");
        string model = Cli.ImportGolden(golden.Name, _directory);
        string quantized = _directory.File("q.ernn");
        Assert.Equal(0, Cli.Run("quantize", "--in", model, "--out", quantized).ExitCode);
        string input = WriteInputs(golden, null, (t, i) => golden.InputAt(t)[i]);
        string fromFile = _directory.File("file.csv");
        string onTheFly = _directory.File("fly.csv");

        var result = Cli.Run("predict", "--model", quantized, "--input", input, "--output", fromFile);
        Assert.Equal(0, Cli.Run("predict", "--model", model, "--input", input, "--output", onTheFly, "--int8").ExitCode);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("int8 weights", result.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(onTheFly), File.ReadAllText(fromFile));
    }

    [Fact]
    public void Predict_RowWithTooFewColumns_ExitsOneNamingFileAndLineAndKeepsNoOutput()
    {
        string model = Cli.ImportGolden("lstm_3x13", _directory);
        string input = _directory.File("x.csv");
        File.WriteAllText(input, "0.1,0.2,0.3\n0.1,0.2,0.3\n\n0.4,0.5\n0.1,0.2,0.3\n");
        string output = _directory.File("y.csv");

        var result = Cli.Run("predict", "--model", model, "--input", input, "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: x.csv line 4: expected 3 columns; found 2.", result.Error.TrimEnd());
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".tmp"));
    }

    [Fact]
    public void Predict_NonNumericCell_ExitsOneNamingLineAndColumn()
    {
        string model = Cli.ImportGolden("lstm_3x13", _directory);
        string input = _directory.File("x.csv");
        File.WriteAllText(input, "a,b,c\n0.1,0.2,0.3\n0.1,oops,0.3\n");

        var result = Cli.Run("predict", "--model", model, "--input", input, "--output", _directory.File("y.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: x.csv line 3, column 'b': expected a number; found \"oops\".", result.Error.TrimEnd());
    }

    [Fact]
    public void Predict_EmptyCell_HoldsTheChannelsLastValue()
    {
        string model = Cli.ImportGolden("lstm_3x13", _directory);
        string gap = _directory.File("gap.csv");
        string held = _directory.File("held.csv");
        File.WriteAllText(gap, "0.5,-1.25,2\n0.25,,1\n,0.5,\n");
        File.WriteAllText(held, "0.5,-1.25,2\n0.25,-1.25,1\n0.25,0.5,1\n");

        var gapResult = Cli.Run("predict", "--model", model, "--input", gap, "--output", _directory.File("gap.out.csv"));
        var heldResult = Cli.Run("predict", "--model", model, "--input", held, "--output", _directory.File("held.out.csv"));

        Assert.Equal(0, gapResult.ExitCode);
        Assert.Equal(0, heldResult.ExitCode);
        Assert.Equal(File.ReadAllText(_directory.File("held.out.csv")), File.ReadAllText(_directory.File("gap.out.csv")));
    }

    [Fact]
    public void Predict_QuotedCellsAndByteOrderMark_ReadLikePlainCells()
    {
        string model = Cli.ImportGolden("lstm_3x13", _directory);
        string quoted = _directory.File("quoted.csv");
        string plain = _directory.File("plain.csv");
        File.WriteAllText(quoted, "\"a\",\"b\",\"c\"\r\n\"0.5\",-1.25,\"2\"\r\n0.25,\"1e-1\",1\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.WriteAllText(plain, "0.5,-1.25,2\n0.25,0.1,1\n");

        Assert.Equal(0, Cli.Run("predict", "--model", model, "--input", quoted, "--output", _directory.File("quoted.out.csv")).ExitCode);
        Assert.Equal(0, Cli.Run("predict", "--model", model, "--input", plain, "--output", _directory.File("plain.out.csv")).ExitCode);

        Assert.Equal(File.ReadAllText(_directory.File("plain.out.csv")), File.ReadAllText(_directory.File("quoted.out.csv")));
    }

    [Fact]
    public void Predict_HeaderOfWrongWidth_ExitsOneSayingBoth()
    {
        string model = Cli.ImportGolden("lstm_3x13", _directory);
        string input = _directory.File("x.csv");
        File.WriteAllText(input, "a,b,c,d\n0,0.1,0.2,0.3\n");

        var result = Cli.Run("predict", "--model", model, "--input", input, "--output", _directory.File("y.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: x.csv line 1: expected 3 columns (one per model input); found 4 in the header.", result.Error.TrimEnd());
    }

    [Fact]
    public void Predict_HeaderLackingAFeature_ExitsOneNamingIt()
    {
        var json = TorchJson.Golden("lstm_3x13");
        json["feature_names"] = new JsonArray("pressure", "flow", "temperature");
        string jsonPath = _directory.File("named.json");
        json.Write(jsonPath);
        string model = Cli.ImportJson(jsonPath, _directory, "named.ernn");
        string input = _directory.File("x.csv");
        File.WriteAllText(input, "pressure,flow,temp\n1,2,3\n");

        var result = Cli.Run("predict", "--model", model, "--input", input, "--output", _directory.File("y.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: x.csv line 1: expected a column named 'temperature'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_EmptyInput_WritesOnlyTheHeader()
    {
        string model = Cli.ImportGolden("rnn_tanh_3x5", _directory);
        string input = _directory.File("x.csv");
        File.WriteAllText(input, string.Empty);
        string output = _directory.File("y.csv");

        var result = Cli.Run("predict", "--model", model, "--input", input, "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("y0,y1\n", File.ReadAllText(output).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Predict_ModelMissing_ExitsOneWithoutStackTrace()
    {
        string input = _directory.File("x.csv");
        File.WriteAllText(input, "1,2,3\n");

        var result = Cli.Run("predict", "--model", _directory.File("missing.ernn"), "--input", input, "--output", _directory.File("y.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing.ernn", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_TimeColumnStepsBackRepeatsAndJumps_EveryRowSteppedAndTheClockReported()
    {
        var golden = GoldenCase.Load("lstm_3x13");
        var json = TorchJson.Golden(golden.Name);
        json["feature_names"] = new JsonArray("pressure", "flow", "temperature");
        string jsonPath = _directory.File("named.json");
        json.Write(jsonPath);
        string model = Cli.ImportJson(jsonPath, _directory, "named.ernn");
        // Unix seconds: row 20 repeats row 19, the clock steps back an hour at row 30 and jumps a day at row 40.
        static float Time(int t) => t switch { < 20 => t, 20 => 19, < 30 => t - 1, < 40 => t - 2 - 3600, _ => t - 2 - 3600 + 86400 };
        string input = WriteInputs(golden, "time,pressure,flow,temperature", (t, i) => i == 0 ? Time(t) : golden.InputAt(t)[i - 1], columns: 4);
        string output = _directory.File("y.csv");

        var result = Cli.Run("predict", "--model", model, "--input", input, "--output", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Rows stepped in file order; clock stepped back 1 time (by 1 h), 1 repeated timestamp, 1 gap (longest 1 d; typical period 1 s).", result.Output, StringComparison.Ordinal);
        var rows = ReadOutputs(output, out _);
        Assert.Equal(golden.Steps, rows.Count);
        for (int t = 0; t < golden.Steps; t++)
        {
            Tolerance.AssertClose(golden.OutputAt(t), rows[t], Tolerance.Golden, $"row {t + 1}");
        }
    }

    private string WriteInputs(GoldenCase golden, string? header, Func<int, int, float> value, int? columns = null)
    {
        int width = columns ?? golden.InputSize;
        var text = new StringBuilder();
        if (header is not null)
        {
            text.Append(header).Append('\n');
        }

        for (int t = 0; t < golden.Steps; t++)
        {
            text.AppendJoin(',', Enumerable.Range(0, width).Select(i => value(t, i).ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }

        string path = _directory.File("x.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static List<float[]> ReadOutputs(string path, out string header)
    {
        string[] lines = File.ReadAllLines(path);
        header = lines[0];
        return lines.Skip(1).Select(line => line.Split(',').Select(cell => float.Parse(cell, CultureInfo.InvariantCulture)).ToArray()).ToList();
    }
}
