using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Training.Runs;
using EdgeRnn.Training.Evaluation.Detector;
using EdgeRnn.Trainer.Tests.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands.Train;

/// <summary><c>edgernn train</c> writing the whole detector: the model the benchmarks run, from the same code and options.</summary>
public sealed class TrainDetectorTests
{
    [Fact]
    public void Train_Adaptive_WritesTheDetectorWithTimeOfDayAndACalibratedThreshold()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "pump.csv", 1_500);
        string model = Path.Combine(folder.Path, "model.ernn");

        var (code, output, error) = Run(["train", "--data", data, "--out", model, "--detector", "adaptive", "--epochs", "2", "--ensemble", "2"]);

        Assert.True(code == 0, error);
        var loaded = RnnModel.Load(model);
        var detector = loaded.Definition.Detector;
        Assert.NotNull(detector);
        Assert.Single(detector.Members);
        Assert.True(detector.TimeOfDay);
        Assert.Equal(LikelihoodBaseline.RollingGaussian, detector.Likelihood.Baseline);
        Assert.False(loaded.IsQuantized);
        Assert.Equal(Runtime.Model.CellKind.Gru, loaded.Definition.Layers[0].Kind);
        Assert.Equal(32, loaded.Definition.Layers[0].HiddenSize);
        Assert.Equal(4, loaded.InputSize);
        Assert.Equal(["a", "b", "time_of_day_sin", "time_of_day_cos"], loaded.Definition.Metadata.FeatureNames);
        Assert.Equal("adaptive", loaded.Definition.Metadata.Properties["train.detector"]);
        Assert.Equal("1200", loaded.Definition.Metadata.Properties["train.rows"]);
        // The windows are written for 5-minute rows; a faster stream keeps their row counts (LikelihoodTiming).
        Assert.Equal(DetectorConfiguration.Default.Likelihood.ShortWindow, detector.Likelihood.ShortWindow);
        Assert.Contains("windows in rows as written", output, StringComparison.Ordinal);
        Assert.Contains("false alarm(s) per day on validation", output, StringComparison.Ordinal);
        Assert.Contains("format 1.1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_AdaptiveWithTrainRows_ScoresEveryRowAsTheBenchmarkDetectorDoes()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "stream.csv", 900);
        string model = Path.Combine(folder.Path, "model.ernn");

        var (code, _, error) = Run(["train", "--data", data, "--out", model, "--detector", "adaptive", "--train-rows", "300", "--epochs", "2", "--ensemble", "2"]);

        Assert.True(code == 0, error);
        var (rows, times) = Read(data);
        var configuration = DetectorConfiguration.Default with { Epochs = 2, EnsembleSize = 2 };
        var benchmark = StreamingDetector.Run(rows, 2, 300, configuration, times, DetectorBuilder.DefaultAdaptiveThreshold);
        var detector = new AnomalyDetector(RnnModel.Load(model));
        for (int r = 0; r < times.Length; r++)
        {
            Assert.Equal(benchmark.Scores[r], detector.Process(rows.AsSpan(2 * r, 2), times[r]).Score);
        }
    }

    [Fact]
    public void Train_DefaultsOnTheLeadingRows_ScoreTheRestAsBenchSkabDoes()
    {
        using var folder = new TempFolder();
        string all = SineCsv(folder, "all.csv", 700);
        string[] lines = File.ReadAllLines(all);
        string train = folder.Write("train.csv", string.Join('\n', lines[..401]) + "\n");
        string model = Path.Combine(folder.Path, "model.ernn");

        // The protocol: every option at its default (fewer epochs and members only to keep the test short).
        var (code, output, error) = Run(["train", "--data", train, "--out", model, "--epochs", "2", "--ensemble", "2"]);

        Assert.True(code == 0, error);
        Assert.Contains("0.666667", output, StringComparison.Ordinal);
        Assert.Contains("reference: 2 forecasters", output, StringComparison.Ordinal);
        var (rows, times) = Read(all);
        var configuration = SkabBenchmark.Configuration(false) with { Epochs = 2, EnsembleSize = 2 };
        var benchmark = StreamingDetector.Run(rows, 2, 400, configuration, times, SkabBenchmark.FixedThreshold(configuration));
        var loaded = RnnModel.Load(model);
        Assert.Equal(LikelihoodBaseline.TrainingMaximum, loaded.Definition.Detector!.Likelihood.Baseline);
        Assert.True(loaded.Definition.Detector.Likelihood.ReferenceMaximum > 0);
        var detector = new AnomalyDetector(loaded);
        for (int r = 0; r < times.Length; r++)
        {
            var score = detector.Process(rows.AsSpan(2 * r, 2), times[r]);
            if (r >= 400)
            {
                Assert.Equal(benchmark.Scores[r], score.Score, 5);
                Assert.Equal(benchmark.Alarms[r], score.AboveThreshold);
            }
        }
    }

    [Theory]
    [InlineData("reference", null, true)]
    [InlineData("reference", "off", false)]
    [InlineData("adaptive", null, false)]
    [InlineData("adaptive", "on", true)]
    public void Train_ChangePointsOption_WritesTheRuleOnlyWhenOn(string kind, string? changePoints, bool expected)
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 500);
        string model = Path.Combine(folder.Path, "model.ernn");
        string[] options = changePoints is null ? [] : ["--change-points", changePoints];

        var (code, output, error) = Run(["train", "--data", data, "--out", model, "--detector", kind, "--epochs", "1", "--ensemble", "1", .. options]);

        Assert.True(code == 0, error);
        var rule = RnnModel.Load(model).Definition.Detector!.ChangePoints;
        Assert.Equal(expected, rule is not null);
        Assert.Equal(expected ? SkabBenchmark.Configuration(false).ChangePoints : null, rule);
        Assert.Equal(expected, output.Contains("change points", StringComparison.Ordinal));
    }

    [Fact]
    public void Train_DetectorWithASubsetOfTargets_FailsNamingTheOptions()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 300);

        var (code, _, error) = Run(["train", "--data", data, "--out", Path.Combine(folder.Path, "m.ernn"), "--target-columns", "a"]);

        Assert.Equal(1, code);
        Assert.Contains("--target-columns: the detector forecasts every input channel", error, StringComparison.Ordinal);
    }

    private static (float[] Rows, DateTime[] Times) Read(string csv)
    {
        var lines = File.ReadAllLines(csv).Skip(1).Where(l => l.Length > 0).ToArray();
        var rows = new float[2 * lines.Length];
        var times = new DateTime[lines.Length];
        for (int r = 0; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',');
            times[r] = DetectorTraining.Time(double.Parse(cells[0], CultureInfo.InvariantCulture));
            rows[2 * r] = (float)double.Parse(cells[1], CultureInfo.InvariantCulture);
            rows[(2 * r) + 1] = (float)double.Parse(cells[2], CultureInfo.InvariantCulture);
        }

        return (rows, times);
    }
}
