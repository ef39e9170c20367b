using System.Globalization;
using System.Text.RegularExpressions;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Training.Calibration;
using EdgeRnn.Training.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands;

public sealed class QuantizeCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Data.TempFolder _folder = new();

    public void Dispose()
    {
        _directory.Dispose();
        _folder.Dispose();
    }

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

    [Fact]
    public void Quantize_WithData_ReportsWhatTrainReportsOnTheSameValidationPart()
    {
        string data = SineCsv(_folder, "rec.csv", 1_000);
        string floatModel = _directory.File("float.ernn");
        var trained = Run(["train", "--data", data, "--out", _directory.File("int8.ernn"), "--seed", "2", "--quantize", "int8", .. Small]);
        Assert.Equal(0, Run(["train", "--data", data, "--out", floatModel, "--seed", "2", "--quantize", "none", .. Small]).ExitCode);

        var result = Cli.Run("quantize", "--in", floatModel, "--out", _directory.File("q.ernn"), "--data", data);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(trained.ExitCode == 0, trained.Error);
        // Same float weights (same seed), same validation part: the same output difference as train's summary.
        Assert.Equal(RmseRow(trained.Output), RmseRow(result.Output));
        Assert.Contains("over 200 validation steps", result.Output, StringComparison.Ordinal);
        Assert.Contains("int8 largest score change", result.Output, StringComparison.Ordinal);
        Assert.Contains("int8 changed alarm decisions", result.Output, StringComparison.Ordinal);
        Assert.Contains("rnn.weight_ih_l0", result.Output, StringComparison.Ordinal);
        var expected = Compare(floatModel, data, SplitPart.Validation, 0.2);
        foreach (var (name, value) in QuantizationSummary.Rows(expected, "validation"))
        {
            Assert.Contains(name, result.Output, StringComparison.Ordinal);
            Assert.Contains(value, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Quantize_WithDataPartAll_ComparesEveryUsableRow()
    {
        string data = SineCsv(_folder, "rec.csv", 700);
        string floatModel = TrainFloat(data);

        var result = Cli.Run("quantize", "--in", floatModel, "--out", _directory.File("q.ernn"), "--data", data, "--part", "all");

        Assert.True(result.ExitCode == 0, result.Error);
        var expected = Compare(floatModel, data, SplitPart.Train, 0);
        Assert.Equal(700, expected.Steps);
        Assert.Contains(QuantizationSummary.Rows(expected, "data")[0].Value, result.Output, StringComparison.Ordinal);
        Assert.Contains("over 700 data steps", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_ThresholdBetweenFloatAndInt8Scores_WarnsLoudlyOfChangedAlarms()
    {
        string data = SineCsv(_folder, "rec.csv", 1_000);
        string trained = TrainFloat(data);
        var definition = RnnModel.Load(trained).Definition;
        var streams = ValidationStreams.Of(DataLoader.Load(data, new DataOptions()));
        float threshold = ThresholdWhereInt8Differs(definition, streams);
        var s = definition.Scoring;
        string floatModel = _directory.File("edge.ernn");
        RnnModel.FromDefinition(definition.With(scoring: new ScoringParameters { ErrorStd = s.ErrorStd, LongWindow = s.LongWindow, ShortWindow = s.ShortWindow, Threshold = threshold })).Save(floatModel);

        var result = Cli.Run("quantize", "--in", floatModel, "--out", _directory.File("q.ernn"), "--data", data);

        Assert.True(result.ExitCode == 0, result.Error);
        var match = Regex.Match(result.Output, @"WARNING: int8 changes the alarm decision at (\d+) of 200 validation steps");
        Assert.True(match.Success, result.Output);
        Assert.True(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public void Quantize_DataWithoutTheModelsColumns_FailsNamingExpectedAndFound()
    {
        string floatModel = TrainFloat(SineCsv(_folder, "rec.csv", 600));
        string other = _folder.Write("other.csv", "timestamp,x,y\n1,0.1,0.2\n2,0.3,0.4\n3,0.5,0.6\n");

        var result = Cli.Run("quantize", "--in", floatModel, "--out", _directory.File("q.ernn"), "--data", other);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Contains("input column named 'a'", result.Error, StringComparison.Ordinal);
        Assert.Contains("timestamp, x, y", result.Error, StringComparison.Ordinal);
        Assert.Contains("float.ernn reads a, b", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.File("q.ernn")));
    }

    [Fact]
    public void Quantize_DataWithOnlyAHeader_FailsSayingThereAreNoRows()
    {
        string floatModel = TrainFloat(SineCsv(_folder, "rec.csv", 600));
        string empty = _folder.Write("empty.csv", "timestamp,a,b\n");

        var result = Cli.Run("quantize", "--in", floatModel, "--out", _directory.File("q.ernn"), "--data", empty);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: --data: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("no usable rows", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_ValidationPartOfOneRow_FailsSuggestingPartAll()
    {
        string floatModel = TrainFloat(SineCsv(_folder, "rec.csv", 600));

        var result = Cli.Run("quantize", "--in", floatModel, "--out", _directory.File("q.ernn"), "--data", Path.Combine(_folder.Path, "rec.csv"), "--validation-fraction", "0.001");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("expected at least 2 consecutive usable rows in the validation part", result.Error, StringComparison.Ordinal);
        Assert.Contains("found 1 validation steps", result.Error, StringComparison.Ordinal);
        Assert.Contains("--part all", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--part", "all")]
    [InlineData("--columns", "a,b")]
    [InlineData("--time-column", "none")]
    [InlineData("--validation-fraction", "0.3")]
    public void Quantize_DataOptionWithoutData_FailsNamingIt(string option, string value)
    {
        string source = Cli.ImportGolden("lstm_1x8", _directory);

        var result = Cli.Run("quantize", "--in", source, "--out", _directory.File("q.ernn"), option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {option}: expected --data, the recordings it applies to; found no --data.", result.Error.TrimEnd());
        Assert.False(File.Exists(_directory.File("q.ernn")));
    }

    [Fact]
    public void Quantize_ValidationFractionWithPartAll_FailsSayingTheyConflict()
    {
        string source = Cli.ImportGolden("lstm_1x8", _directory);

        var result = Cli.Run("quantize", "--in", source, "--out", _directory.File("q.ernn"), "--data", "x.csv", "--part", "all", "--validation-fraction", "0.3");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--validation-fraction: expected --part validation", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_Help_DocumentsDataAndWhichRowsAreCompared()
    {
        var result = Cli.Run("quantize", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string expected in new[] { "--data", "--part", "[default: validation]", "--validation-fraction", "--columns", "--time-column" })
        {
            Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        }
    }

    private string TrainFloat(string data)
    {
        string model = _directory.File("float.ernn");
        var trained = Run(["train", "--data", data, "--out", model, "--quantize", "none", .. Small]);
        Assert.True(trained.ExitCode == 0, trained.Error);
        return model;
    }

    private static QuantizationComparison Compare(string floatModel, string data, SplitPart part, double validationFraction)
    {
        var model = RnnModel.Load(floatModel);
        var loaded = DataLoader.Load(data, new DataOptions { ValidationFraction = validationFraction });
        var int8 = RnnModel.FromDefinition(ModelQuantizer.Quantize(model.Definition, out _));
        return QuantizationCheck.Compare(model, int8, ValidationStreams.Of(loaded, part));
    }

    private static string RmseRow(string output)
    {
        var match = Regex.Match(output, @"int8 vs float output RMSE[\s│]+(\S+ \(max \S+\) over \d+ validation steps)");
        Assert.True(match.Success, output);
        return match.Groups[1].Value;
    }

    /// <summary>A threshold halfway between the float and int8 scores where they differ most, past the warm-up.</summary>
    private static float ThresholdWhereInt8Differs(ModelDefinition definition, IReadOnlyList<float[]> streams)
    {
        var a = new AnomalyDetector(RnnModel.FromDefinition(definition));
        var b = new AnomalyDetector(RnnModel.FromDefinition(ModelQuantizer.Quantize(definition, out _)));
        float best = 0;
        float threshold = float.NaN;
        foreach (float[] stream in streams)
        {
            a.Reset();
            b.Reset();
            for (int t = 0; t < stream.Length / 2; t++)
            {
                var sa = a.Process(stream.AsSpan(2 * t, 2));
                var sb = b.Process(stream.AsSpan(2 * t, 2));
                if (sa.IsWarm && Math.Abs(sa.Score - sb.Score) > best)
                {
                    best = Math.Abs(sa.Score - sb.Score);
                    threshold = (sa.Score + sb.Score) / 2;
                }
            }
        }

        Assert.True(best > 0, "int8 should change some score");
        return threshold;
    }
}
