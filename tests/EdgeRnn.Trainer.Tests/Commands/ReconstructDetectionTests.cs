using System.Globalization;
using System.Text.RegularExpressions;
using EdgeRnn.Runtime;
using EdgeRnn.Trainer.Tests.Data;
using EdgeRnn.Trainer.Tests.Evaluation.Detector;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands;

/// <summary>
/// A reconstruct model used for detection end to end: <c>edgernn train --task reconstruct</c> on the pump's training
/// recording writes its scoring, the real <c>edgernn-device</c> runs it on the demo recording with its five labelled
/// faults, and <c>edgernn eval</c> scores it against the label column.
/// </summary>
public sealed partial class ReconstructDetectionTests
{
    [Fact]
    public void TrainReconstruct_OnThePump_ScoresTheLabelledFaultsOnTheDeviceAndInEval()
    {
        using var folder = new TempFolder();
        string train = ReadmeQuickStartTests.FindUp(Path.Combine("models", "pump", "pump-train.csv"));
        string demo = ReadmeQuickStartTests.FindUp(Path.Combine("models", "pump", "pump-demo.csv"));
        string model = Path.Combine(folder.Path, "recon.ernn");

        var (code, output, error) = Run(["train", "--data", train, "--out", model, "--task", "reconstruct", "--columns", "vibration_rms,temperature,motor_current", "--window", "16", "--hidden", "16", "--layers", "1", "--epochs", "10", "--threads", "1", "--seed", "1"]);

        Assert.True(code == 0, error);
        Assert.Contains("alarm threshold", output, StringComparison.Ordinal);
        var loaded = RnnModel.Load(model);
        Assert.True(loaded.Definition.Scoring.IsEnabled);
        Assert.Equal(3, loaded.Definition.Scoring.ErrorStd.Count);

        // The runtime's errors are far larger on the labelled rows than on the others.
        var (normal, faulty) = MeanErrors(loaded, demo);
        Assert.True(faulty > 3 * normal, $"mean error {faulty} on labelled rows against {normal} on the others");

        var (exit, text) = BenchNabOnDeviceTests.RunDevice("run", "--model", model, "--source", "csv:" + demo, "--speed", "max", "--view", "none");
        Assert.True(exit == 0, text);
        var tally = Tally().Match(text);
        Assert.True(tally.Success, text);
        int Count(string name) => int.Parse(tally.Groups[name].Value, CultureInfo.InvariantCulture);
        Assert.True(Count("caught") > Count("missed") && Count("false") <= 1, tally.Value);

        var eval = Cli.Run("eval", "--model", model, "--data", demo, "--label-column", "label");
        Assert.True(eval.ExitCode == 0, eval.Error);
        var f1 = Regex.Match(eval.Output, @"F1 ([\d.]+)");
        Assert.True(f1.Success, eval.Output);
        Assert.True(double.Parse(f1.Groups[1].Value, CultureInfo.InvariantCulture) > 0.5, eval.Output);
    }

    private static (double Normal, double Faulty) MeanErrors(RnnModel model, string csv)
    {
        var detector = new AnomalyDetector(model);
        var sample = new float[3];
        double[] sums = new double[2];
        int[] counts = new int[2];
        foreach (string line in File.ReadLines(csv).Skip(1))
        {
            string[] cells = line.Split(',');
            for (int c = 0; c < 3; c++)
            {
                sample[c] = float.TryParse(cells[c + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out float v) ? v : float.NaN;
            }

            float e = detector.Process(sample).Error;
            if (float.IsFinite(e))
            {
                int label = cells[4].Trim() == "1" ? 1 : 0;
                sums[label] += e;
                counts[label]++;
            }
        }

        return (sums[0] / counts[0], sums[1] / counts[1]);
    }

    [GeneratedRegex(@"(?<anomalies>\d+) anomalies in the recording: (?<caught>\d+) caught, (?<missed>\d+) missed; (?<false>\d+) false alarms")]
    private static partial Regex Tally();
}
