using System.Text.Json;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Trainer.Tests.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands;

public sealed class TrainCommandTests
{
    [Fact]
    public void Train_SimpleDetector_WritesAnInt8ModelWithScoringAndMetadata()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "pump.csv", 2_000);
        string model = Path.Combine(folder.Path, "model.ernn");

        var (code, output, error) = Run(["train", "--data", data, "--out", model, "--epochs", "3", "--detector", "simple"]);

        Assert.True(code == 0, error);
        var loaded = RnnModel.Load(model);
        Assert.Null(loaded.Definition.Detector);
        Assert.True(loaded.IsQuantized);
        Assert.Equal(2, loaded.Definition.Layers.Count);
        Assert.Equal(64, loaded.Definition.Layers[0].HiddenSize);
        Assert.Equal(CellKind.Lstm, loaded.Definition.Layers[0].Kind);
        var metadata = loaded.Definition.Metadata;
        Assert.Equal(["a", "b"], metadata.FeatureNames);
        Assert.Equal([0, 1], metadata.TargetChannels);
        Assert.Equal(1.0, metadata.SamplePeriodSeconds);
        Assert.Equal(ModelTask.Forecast, metadata.Task);
        Assert.Equal("lstm", metadata.Properties["train.cell"]);
        Assert.Equal("3", metadata.Properties["train.epochs"]);
        Assert.Contains("false alarm", metadata.Properties["calibration.method"], StringComparison.Ordinal);
        Assert.Equal("400", metadata.Properties["calibration.validation_steps"]);
        var scoring = loaded.Definition.Scoring;
        Assert.True(scoring.IsEnabled);
        Assert.Equal(2, scoring.ErrorStd.Count);
        Assert.InRange(scoring.Threshold, 0f, 1f);
        Assert.True(File.Exists(model + ".ckpt"));
        Assert.Contains("alarm threshold", output, StringComparison.Ordinal);
        Assert.Contains("model size int8", output, StringComparison.Ordinal);
        Assert.Contains("int8 vs float output RMSE", output, StringComparison.Ordinal);
        Assert.Contains("int8 changed alarm decisions", output, StringComparison.Ordinal);
        Assert.Contains("(int8: the default from hidden 64 up, where int8 steps faster)", output, StringComparison.Ordinal);
        Assert.Contains("epoch 3/3", output, StringComparison.Ordinal);

        // The board runs it as is: the detector takes its scoring from the file.
        var detector = new Runtime.AnomalyDetector(loaded);
        var score = detector.Process([0.5f, 0.5f]);
        Assert.False(score.IsWarm);
    }

    [Fact]
    public void Train_ClockStepsBackRepeatsAndJumps_TrainsAndReportsTheClock()
    {
        using var folder = new TempFolder();
        var text = new System.Text.StringBuilder("timestamp,a,b\n");
        for (int t = 0; t < 1_200; t++)
        {
            // One row per second; row 300 repeats row 299, the clock steps back an hour at row 600, a day is missing before row 900.
            long time = 1_700_000_000 + t - (t >= 300 ? 1 : 0) - (t >= 600 ? 3_601 : 0) + (t >= 900 ? 86_400 : 0);
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{time},{Math.Sin(2 * Math.PI * t / 50):R},{Math.Sin(2 * Math.PI * t / 23):R}\n");
        }

        string data = folder.Write("clock.csv", text.ToString());
        string model = Path.Combine(folder.Path, "model.ernn");

        var (code, output, error) = Run(["train", "--data", data, "--out", model, .. Small]);

        Assert.True(code == 0, error);
        Assert.True(File.Exists(model));
        Assert.Contains("1200 rows, 1200 usable", output, StringComparison.Ordinal);
        Assert.Contains("Rows kept in file order; clock stepped back 1 time (by 1 h), 1 repeated timestamp, 1 gap (longest 1 d; typical period 1 s).", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_SameSeedWithOneAndTwoThreads_WritesTheSameBytes()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 1_500);
        string first = Path.Combine(folder.Path, "one.ernn");
        string second = Path.Combine(folder.Path, "two.ernn");
        string[] settings = ["--hidden", "8", "--layers", "2", "--window", "24", "--epochs", "2", "--seed", "7", "--dropout", "0.1"];

        var a = Run(["train", "--data", data, "--out", first, "--threads", "1", .. settings]);
        var b = Run(["train", "--data", data, "--out", second, "--threads", "2", .. settings]);

        Assert.True(a.ExitCode == 0, a.Error);
        Assert.True(b.ExitCode == 0, b.Error);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Train_OtherSeed_WritesOtherBytes()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 1_000);
        string first = Path.Combine(folder.Path, "one.ernn");
        string second = Path.Combine(folder.Path, "two.ernn");

        Assert.Equal(0, Run(["train", "--data", data, "--out", first, "--seed", "1", .. Small]).ExitCode);
        Assert.Equal(0, Run(["train", "--data", data, "--out", second, "--seed", "2", .. Small]).ExitCode);

        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Train_ResumeFromCheckpoint_EqualsAnUninterruptedRun()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 1_000);
        string whole = Path.Combine(folder.Path, "whole.ernn");
        string resumed = Path.Combine(folder.Path, "resumed.ernn");
        string[] settings = ["--detector", "simple", "--hidden", "8", "--layers", "1", "--window", "24", "--threads", "1"];

        Assert.Equal(0, Run(["train", "--data", data, "--out", whole, "--epochs", "3", .. settings]).ExitCode);
        Assert.Equal(0, Run(["train", "--data", data, "--out", resumed, "--epochs", "2", .. settings]).ExitCode);
        var (code, output, error) = Run(["train", "--data", data, "--out", resumed, "--epochs", "3", "--resume", .. settings]);

        Assert.True(code == 0, error);
        Assert.Contains("Resuming from", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(resumed));
    }

    [Fact]
    public void Train_ResumeWithoutCheckpoint_FailsWithOneLine()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 500);

        var (code, _, error) = Run(["train", "--data", data, "--out", Path.Combine(folder.Path, "m.ernn"), "--resume", .. Small]);

        Assert.Equal(1, code);
        Assert.StartsWith("edgernn train: --resume: expected a checkpoint", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_CancelledBeforeTheFirstBatchEnds_StillWritesTheModel()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 1_000);
        string model = Path.Combine(folder.Path, "m.ernn");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var (code, output, error) = Run(["train", "--data", data, "--out", model, .. Small], cancelled.Token);

        Assert.True(code == 0, error);
        Assert.Contains("Cancelled during the first epoch", output, StringComparison.Ordinal);
        Assert.True(RnnModel.Load(model).Definition.Scoring.IsEnabled);
    }

    [Theory]
    [InlineData(new[] { "--alarm-quantile", "0.9" }, "quantile 0.9 of the validation scores")]
    [InlineData(new[] { "--time-column", "none" }, "quantile 0.999 of the validation scores (no sample period, so no rate per day)")]
    [InlineData(new[] { "--false-alarms-per-day", "5000" }, "at most 5000 false alarm(s) per day on validation")]
    public void Train_ThresholdChoice_IsStoredAndShown(string[] choice, string method)
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 800);
        string model = Path.Combine(folder.Path, "m.ernn");

        var (code, output, error) = Run(["train", "--data", data, "--out", model, .. choice, .. Small]);

        Assert.True(code == 0, error);
        Assert.Equal(method, RnnModel.Load(model).Definition.Metadata.Properties["calibration.method"]);
        Assert.Contains(method, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_NoValidationPart_WritesAModelWithoutScoringAndSaysWhy()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 600);
        string model = Path.Combine(folder.Path, "m.ernn");

        var (code, output, error) = Run(["train", "--data", data, "--out", model, "--validation-fraction", "0", .. Small]);

        Assert.True(code == 0, error);
        Assert.Contains("the model carries no anomaly scoring", output, StringComparison.Ordinal);
        Assert.False(RnnModel.Load(model).Definition.Scoring.IsEnabled);
    }

    [Fact]
    public void Train_FolderAndTwoFilesInOneOption_ReadsEveryFile()
    {
        using var folder = new TempFolder();
        SineCsv(folder, "rec/one.csv", 500, seed: 1);
        SineCsv(folder, "rec/two.csv", 500, seed: 2);
        string model = Path.Combine(folder.Path, "m.ernn");

        var byFolder = Run(["train", "--data", Path.Combine(folder.Path, "rec"), "--out", model, .. Small]);
        var byFiles = Run(["train", "--data", Path.Combine(folder.Path, "rec", "one.csv"), Path.Combine(folder.Path, "rec", "two.csv"), "--out", model, .. Small]);

        Assert.True(byFolder.ExitCode == 0, byFolder.Error);
        Assert.True(byFiles.ExitCode == 0, byFiles.Error);
        Assert.Contains("2 file(s), 1000 rows", byFolder.Output, StringComparison.Ordinal);
        Assert.Contains("2 file(s), 1000 rows", byFiles.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_HiddenBelow64WithoutQuantize_WritesAFloatModelAndSaysWhy()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 800);
        string model = Path.Combine(folder.Path, "m.ernn");

        var (code, output, error) = Run(["train", "--data", data, "--out", model, .. Small]);

        Assert.True(code == 0, error);
        Assert.False(RnnModel.Load(model).IsQuantized);
        Assert.Contains("(float32: the default below hidden 64, where int8 steps no faster)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("model size int8", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_HiddenBelow64WithQuantizeInt8_WritesAnInt8ModelAndSaysWhy()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 800);
        string model = Path.Combine(folder.Path, "m.ernn");

        var (code, output, error) = Run(["train", "--data", data, "--out", model, "--quantize", "int8", .. Small]);

        Assert.True(code == 0, error);
        Assert.True(RnnModel.Load(model).IsQuantized);
        Assert.Contains("(int8: --quantize)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_QuantizeNone_WritesAFloatModel()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 800);
        string model = Path.Combine(folder.Path, "m.ernn");

        var (code, output, error) = Run(["train", "--data", data, "--out", model, "--quantize", "none", "--cell", "gru", .. Small]);

        Assert.True(code == 0, error);
        var loaded = RnnModel.Load(model);
        Assert.False(loaded.IsQuantized);
        Assert.Equal(CellKind.Gru, loaded.Definition.Layers[0].Kind);
        Assert.DoesNotContain("model size int8", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ClassifyTask_WritesClassLogitsAndClassNames()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "labelled.csv", 800, labels: true);
        string model = Path.Combine(folder.Path, "m.ernn");

        var (code, _, error) = Run(["train", "--data", data, "--out", model, "--task", "classify", "--cell", "rnn", .. Small]);

        Assert.True(code == 0, error);
        var loaded = RnnModel.Load(model);
        Assert.Equal(ModelTask.Classify, loaded.Definition.Metadata.Task);
        Assert.Equal(2, loaded.OutputSize);
        Assert.Equal(["0", "1"], JsonSerializer.Deserialize<string[]>(loaded.Definition.Metadata.Properties["classes"])!);
        Assert.False(loaded.Definition.Scoring.IsEnabled);
    }

    [Fact]
    public void Train_LabelTask_WritesPerStepClassModel()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "labelled.csv", 800, labels: true);
        string model = Path.Combine(folder.Path, "m.ernn");

        var (code, output, error) = Run(["train", "--data", data, "--out", model, "--task", "label", "--columns", "b", "--cell", "rnn-relu", .. Small]);

        Assert.True(code == 0, error);
        Assert.Contains("validation accuracy", output, StringComparison.Ordinal);
        var loaded = RnnModel.Load(model);
        Assert.Equal(ModelTask.Label, loaded.Definition.Metadata.Task);
        Assert.Equal(CellKind.RnnRelu, loaded.Definition.Layers[0].Kind);
        Assert.Equal(["b"], loaded.Definition.Metadata.FeatureNames);
    }

    [Fact]
    public void Train_MixedColumnCounts_FailsNamingTheFileAndLine()
    {
        using var folder = new TempFolder();
        string data = folder.Write("broken.csv", "a,b\n1,2\n3,4\n5,6,7\n8,9\n");

        var (code, output, error) = Run(["train", "--data", data, "--out", Path.Combine(folder.Path, "m.ernn")]);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("edgernn train: ", error, StringComparison.Ordinal);
        Assert.Contains("broken.csv, line 4", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Train_WindowLongerThanTheData_FailsWithAClearMessage()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "short.csv", 40);

        var (code, _, error) = Run(["train", "--data", data, "--out", Path.Combine(folder.Path, "m.ernn"), "--window", "64", "--detector", "simple"]);

        Assert.Equal(1, code);
        Assert.Contains("Expected at least one training window of 64 steps", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_OutOfRangeOption_FailsNamingIt()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 200);

        var (code, _, error) = Run(["train", "--data", data, "--out", Path.Combine(folder.Path, "m.ernn"), "--dropout", "1.5"]);

        Assert.Equal(1, code);
        Assert.Contains("Dropout", error, StringComparison.Ordinal);
        Assert.Contains("[0, 1)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--hidden", "0", "--hidden: expected 1 to 8192 units; found 0.")]
    [InlineData("--layers", "5", "--layers: expected 1 to 4 layers; found 5.")]
    [InlineData("--batch", "0", "BatchSize")]
    [InlineData("--score-short-window", "0", "ShortWindow")]
    public void Train_BadShapeOrRate_FailsWithOneLineNamingIt(string option, string value, string expected)
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 200);

        var (code, _, error) = Run(["train", "--data", data, "--out", Path.Combine(folder.Path, "m.ernn"), option, value]);

        Assert.Equal(1, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Train_Help_ShowsEveryOptionWithItsDefault()
    {
        var (code, output, _) = Run(["train", "--help"]);

        Assert.Equal(0, code);
        foreach (string expected in new[] { "--hidden", "(default: 32 for a detector, 64 otherwise)", "--cell", "--detector", "[default: reference]", "--ensemble", "[default: 5]", "--train-rows", "--alarm-ratio", "[default: 2]", "--quantize", "--false-alarms-per-day", "--resume", "--patience", "[default: 10]" })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }
}
