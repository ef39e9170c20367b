using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Trainer.Tests.Commands;
using EdgeRnn.Trainer.Tests.Data;
using EdgeRnn.Training;

namespace EdgeRnn.Trainer.Tests;

/// <summary>Keeps the README's "Training from code" compiling and true: the code between the markers is the README's, verbatim.</summary>
public sealed class ReadmeQuickStartTests
{
    [Fact]
    public void QuickStart_TrainsOnTheStartOfThePumpRecording_WritesAModelThatScores()
    {
        using var folder = new TempFolder();
        string csvPath = folder.Write("pump.csv", string.Join('\n', File.ReadLines(FindUp(Path.Combine("models", "pump", "pump-train.csv"))).Take(601)) + "\n");
        string modelPath = Path.Combine(folder.Path, "pump.ernn");

        var score = QuickStart(csvPath, modelPath, CancellationToken.None);

        var written = RnnModel.Load(File.ReadAllBytes(modelPath));
        Assert.NotNull(written.Definition.Detector);
        Assert.True(written.IsQuantized);
        Assert.InRange(score.Score, 0f, 1f);
    }

    [Fact]
    public void Train_SameOptionsAsTheCommand_GivesTheCommandsBytes()
    {
        using var folder = new TempFolder();
        string csvPath = folder.Write("pump.csv", string.Join('\n', File.ReadLines(FindUp(Path.Combine("models", "pump", "pump-train.csv"))).Take(601)) + "\n");
        string cliPath = Path.Combine(folder.Path, "cli.ernn");
        var cli = TrainCommandFixture.Run(["train", "--data", csvPath, "--out", cliPath, "--columns", "vibration_rms,temperature,motor_current", "--time-column", "none", "--ensemble", "1", "--epochs", "2", "--change-points", "off", "--quantize", "int8"]);
        Assert.Equal(0, cli.ExitCode);

        var trained = RnnTrainer.Train([csvPath], new RnnTrainingOptions { Columns = ["vibration_rms", "temperature", "motor_current"], TimeColumn = "none", Ensemble = 1, Epochs = 2, ChangePoints = false, Quantize = true });

        Assert.Equal(File.ReadAllBytes(cliPath), trained.Model.ToBytes());
    }

    [Fact]
    public void Readme_TrainingFromCodeBlock_IsTheCodeThisTestCompiles()
    {
        string readme = File.ReadAllText(FindUp("README.md"));
        string source = File.ReadAllText(FindUp(Path.Combine("tests", "EdgeRnn.Trainer.Tests", "ReadmeQuickStartTests.cs")));
        string code = Between(source, "// quick start begins\n", "        // quick start ends");
        string block = string.Join('\n', code.Split('\n').Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()));
        Assert.Contains("```csharp\n" + block + "```", readme, StringComparison.Ordinal);
    }

    private static AnomalyScore QuickStart(string csvPath, string modelPath, CancellationToken cancellationToken)
    {
        // quick start begins
        var options = new RnnTrainingOptions         // edgernn train's options, with its defaults
        {
            Columns = ["vibration_rms", "temperature", "motor_current"],
            TimeColumn = "none",
            Ensemble = 1,
            Epochs = 2,                              // a detector trains 30 by default
            ChangePoints = false,
            Quantize = true,                         // int8 weights
        };
        var trained = RnnTrainer.Train([csvPath], options, new Progress<string>(Console.WriteLine), cancellationToken);
        trained.Model.Save(modelPath);               // the .ernn file edgernn train writes from the same options

        var detector = new AnomalyDetector(trained.Model);
        var score = detector.Process([1.6f, 53.8f, 4.9f]);  // score.Score in [0, 1]; score.AboveThreshold: alarm
        // quick start ends
        return score;
    }

    internal static string FindUp(string relative)
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

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
