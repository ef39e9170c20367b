using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Data;
using EdgeRnn.Trainer.Tests.Data;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Loop;

namespace EdgeRnn.Trainer.Tests.Training;

public sealed class DataWindowsTests
{
    [Fact]
    public void FromTrainingData_StrideEqualsLength_WindowsOfOneFileShareAStream()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", CsvFiles.Numeric(["a", "b"], 41, (t, c) => Math.Sin((t * 0.3) + c)));
        temp.Write("b.csv", CsvFiles.Numeric(["a", "b"], 41, (t, c) => Math.Cos((t * 0.2) + c)));
        var data = DataLoader.Load(temp.Path, new DataOptions { ValidationFraction = 0 });

        var windows = DataWindows.FromTrainingData(data, SplitPart.Train, length: 10, stride: 10);

        Assert.Equal(8, windows.Count);
        Assert.Equal(2, windows.InputSize);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], windows.Streams!);
        Assert.True(windows.Continues(3));
        Assert.False(windows.Continues(4));
        // Forecast targets are the next step's inputs.
        Assert.Equal(windows.Inputs[2], windows.Targets![0]);
        Assert.Equal(windows.Inputs[(10 * 2) + 1], windows.Targets[(9 * 2) + 1]);
    }

    [Fact]
    public void FromTrainingData_OverlappingWindows_TrainWithCarriedStateResettingEveryWindow()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", CsvFiles.Numeric(["a"], 200, (t, _) => Math.Sin(t * 0.4)));
        var data = DataLoader.Load(temp.Path, new DataOptions());
        var train = DataWindows.FromTrainingData(data, SplitPart.Train, length: 12, stride: 4);
        var validation = DataWindows.FromTrainingData(data, SplitPart.Validation, length: 12, stride: 4);

        Assert.All(Enumerable.Range(1, train.Count - 1), i => Assert.False(train.Continues(i)));
        var trainer = new NetworkTrainer(new NetworkShape(CellKind.Lstm, 1, 8, 1, 1));
        var result = trainer.Fit(train, validation, new TrainerOptions { Loss = DataWindows.LossFor(data.Task), Epochs = 3, BatchSize = 8, LearningRate = 0.01 });
        Assert.Equal(3, result.History.Count);
        Assert.True(result.History[^1].ValidationLoss < result.History[0].ValidationLoss);
    }
}
