using System.Buffers.Binary;
using System.Runtime.InteropServices;
using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Engine;
using EdgeRnn.Training.Training.Loop;
using EdgeRnn.Training.Training.Optimization;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Trainer.Tests.Training;

public sealed class NetworkTrainerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-trainer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData((int)OptimizerKind.Adam, false)]
    [InlineData((int)OptimizerKind.AdamW, true)]
    [InlineData((int)OptimizerKind.Sgd, false)]
    public void Fit_SineForecast_ValidationLossFallsWellBelowStart(int optimizerKind, bool carryState)
    {
        var optimizer = (OptimizerKind)optimizerKind;
        var (train, validation) = TrainingData.SineWindows(windows: 60, steps: 16);
        var trainer = new NetworkTrainer(new NetworkShape(CellKind.Lstm, 2, 12, 1, 2));
        trainer.Initialize(1);
        var options = new TrainerOptions
        {
            Epochs = 25,
            BatchSize = 8,
            LearningRate = optimizer == OptimizerKind.Sgd ? 0.1 : 0.01,
            Optimizer = optimizer,
            WeightDecay = 1e-4,
            CarryState = carryState,
            BurnInSteps = carryState ? 0 : 2,
            Schedule = ScheduleKind.Cosine,
        };
        double before = trainer.Evaluate(new GradientEngine<float>(trainer.Network!), validation, options);

        var result = trainer.Fit(train, validation, options);

        Assert.Equal(StopReason.Completed, result.Stop);
        Assert.Equal(25, result.History.Count);
        Assert.True(result.BestValidationLoss < before * 0.2, $"Expected the validation MSE to fall below 20% of {before:F4}; found {result.BestValidationLoss:F4}.");
    }

    [Fact]
    public void Fit_ClassifyLastStep_LearnsWhichSineIsFaster()
    {
        const int count = 64, steps = 20;
        var inputs = new float[count * steps];
        var labels = new int[count];
        for (int w = 0; w < count; w++)
        {
            labels[w] = w % 2;
            for (int t = 0; t < steps; t++)
            {
                inputs[(w * steps) + t] = MathF.Sin((t * (labels[w] == 0 ? 0.2f : 0.9f)) + w);
            }
        }

        var windows = new WindowSet(count, steps, 1, inputs, 2, labels: labels);
        var trainer = new NetworkTrainer(new NetworkShape(CellKind.Gru, 1, 8, 1, 2));
        var result = trainer.Fit(windows, windows, new TrainerOptions { Loss = LossKind.CrossEntropyLastStep, Epochs = 30, BatchSize = 16, LearningRate = 0.02 });
        Assert.True(result.BestValidationLoss < 0.2, $"Expected a cross-entropy below 0.2 (ln 2 = 0.69 is chance); found {result.BestValidationLoss:F3}.");
    }

    [Fact]
    public void Fit_NoImprovementForPatience_StopsEarlyAndRestoresBestWeights()
    {
        var (train, validation) = TrainingData.SineWindows(windows: 30, steps: 8);
        var trainer = new NetworkTrainer(new NetworkShape(CellKind.RnnTanh, 2, 6, 1, 2));
        // A huge learning rate makes validation worse after the first epochs, so the best epoch is early.
        var result = trainer.Fit(train, validation, new TrainerOptions { Epochs = 40, BatchSize = 4, LearningRate = 0.5, ClipNorm = 0, Optimizer = OptimizerKind.Sgd, Momentum = 0.95, EarlyStoppingPatience = 3 });

        Assert.Equal(StopReason.EarlyStopped, result.Stop);
        Assert.Equal(result.BestEpoch + 3, result.History.Count);
        double best = result.History.Min(h => h.ValidationLoss);
        Assert.Equal(best, result.BestValidationLoss);
        Assert.Equal(result.BestParameters, trainer.Network!.Parameters);
        Assert.Equal(best, trainer.Evaluate(new GradientEngine<float>(trainer.Network), validation, new TrainerOptions()), 1e-6);
    }

    [Fact]
    public void LoadCheckpoint_ResumedRun_EqualsUninterruptedRun()
    {
        string path = Path.Combine(_directory, "run.ckpt");
        var options = new TrainerOptions { Epochs = 4, BatchSize = 8, LearningRate = 0.01, Dropout = 0.2, Schedule = ScheduleKind.Plateau, SchedulePatience = 0 };
        var uninterrupted = DeterminismTests.Train(threads: 2, seed: 8, options);
        DeterminismTests.Train(threads: 2, seed: 8, options with { Epochs = 2, CheckpointPath = path });

        var (train, validation) = TrainingData.SineWindows(windows: 40, steps: 12);
        var resumed = NetworkTrainer.LoadCheckpoint(path);
        Assert.Equal(2, resumed.EpochsCompleted);
        var result = resumed.Fit(train, validation, options with { Threads = 1, Seed = 8, ChunkSize = 2 });

        Assert.Equal(MemoryMarshal.AsBytes(uninterrupted.BestParameters.AsSpan()).ToArray(), MemoryMarshal.AsBytes(result.BestParameters.AsSpan()).ToArray());
        Assert.Equal(uninterrupted.History.Select(h => h.ValidationLoss), result.History.Select(h => h.ValidationLoss));
    }

    [Fact]
    public void LoadCheckpoint_Version1_LoadsAndSavesTheSamePayloadAsVersion2()
    {
        string old = Path.Combine(_directory, "old.ckpt");
        string now = Path.Combine(_directory, "now.ckpt");
        File.WriteAllBytes(old, CheckpointVersion1);

        var trainer = NetworkTrainer.LoadCheckpoint(old);
        trainer.SaveCheckpoint(now);

        Assert.Equal(2, trainer.EpochsCompleted);
        Assert.Equal(new NetworkShape(CellKind.Gru, 2, 2, 1, 2), trainer.Shape);
        byte[] before = File.ReadAllBytes(old);
        byte[] after = File.ReadAllBytes(now);
        Assert.Equal("ERCK"u8.ToArray(), after[..4]);
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(after.AsSpan(4)));
        Assert.Equal(before[12..^4], after[12..^4]);
        Assert.Equal(trainer.EpochsCompleted, NetworkTrainer.LoadCheckpoint(now).EpochsCompleted);
    }

    [Fact]
    public void LoadCheckpoint_Version1FlippedByte_ThrowsNamingTheCrc()
    {
        string path = Path.Combine(_directory, "old.ckpt");
        byte[] bytes = CheckpointVersion1;
        bytes[200] ^= 0x02;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelFormatException>(() => NetworkTrainer.LoadCheckpoint(path));
        Assert.Contains("version 1 with CRC-32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadCheckpoint_StateFileInstead_NamesBothMagics()
    {
        string path = Path.Combine(_directory, "state.ersf");
        var blob = new byte[CheckedBlob.Overhead + 4];
        CheckedBlob.Seal(blob, "ERSF"u8, 2);
        File.WriteAllBytes(path, blob);

        var error = Assert.Throws<ModelFormatException>(() => NetworkTrainer.LoadCheckpoint(path));
        Assert.Equal($"Expected a training checkpoint (ERCK) in '{path}' starting with \"ERCK\"; found \"ERSF\".", error.Message);
    }

    [Fact]
    public void LoadCheckpoint_FlippedByte_ThrowsModelFormatException()
    {
        string path = Path.Combine(_directory, "bad.ckpt");
        DeterminismTests.Train(threads: 1, seed: 1, new TrainerOptions { Epochs = 1, BatchSize = 8, CheckpointPath = path });
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelFormatException>(() => NetworkTrainer.LoadCheckpoint(path));
        Assert.Contains("CRC-32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_CancelledDuringFirstEpoch_StopsAfterTheBatchWithCancelled()
    {
        var (train, validation) = TrainingData.SineWindows(windows: 40, steps: 12);
        var trainer = new NetworkTrainer(new NetworkShape(CellKind.Lstm, 2, 8, 1, 2));
        using var cancel = new CancellationTokenSource();
        int batches = 0;
        var result = trainer.Fit(train, validation, new TrainerOptions { Epochs = 5, BatchSize = 4 }, p =>
        {
            if (p.Finished is null && ++batches == 2)
            {
                cancel.Cancel();
            }
        }, cancel.Token);

        Assert.Equal(StopReason.Cancelled, result.Stop);
        Assert.Equal(2, batches);
        Assert.Empty(result.History);
    }

    [Fact]
    public void Fit_WindowsOfAnotherWidth_ThrowsNamingBoth()
    {
        var (train, _) = TrainingData.SineWindows(windows: 10, steps: 4);
        var trainer = new NetworkTrainer(new NetworkShape(CellKind.Lstm, 3, 8, 1, 2));
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(train, null, new TrainerOptions()));
        Assert.Contains("3 inputs", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_LossOverflows_StopsAsDivergedKeepingFiniteWeights()
    {
        var (train, _) = TrainingData.SineWindows(windows: 10, steps: 4);
        var huge = new WindowSet(train.Count, train.Steps, 2, train.Inputs, 2, targets: train.Targets!.Select(v => (v * 1e30f) + 1e30f).ToArray());
        var trainer = new NetworkTrainer(new NetworkShape(CellKind.Lstm, 2, 4, 1, 2));

        var result = trainer.Fit(huge, null, new TrainerOptions { Epochs = 3 });

        Assert.Equal(StopReason.Diverged, result.Stop);
        Assert.Empty(result.History);
        Assert.All(result.BestParameters, w => Assert.True(float.IsFinite(w)));
    }

    [Fact]
    public void Fit_BurnInCoversTheWholeWindow_ThrowsNamingBoth()
    {
        var (train, validation) = TrainingData.SineWindows(windows: 10, steps: 4);
        var trainer = new NetworkTrainer(new NetworkShape(CellKind.Lstm, 2, 8, 1, 2));
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(train, validation, new TrainerOptions { BurnInSteps = 4 }));
        Assert.Contains("4 steps", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToModelDefinition_TrainedNetwork_KeepsEveryTensorInPyTorchLayout()
    {
        var shape = new NetworkShape(CellKind.Gru, 3, 5, 2, 4);
        var layout = new ParameterLayout(shape);
        var parameters = ParameterInitializer.Initialize(layout, 2);
        var definition = ModelExport.ToModelDefinition(shape, parameters, metadata: new ModelMetadata { Task = ModelTask.Forecast });

        Assert.Equal(2, definition.Layers.Count);
        for (int l = 0; l < 2; l++)
        {
            Assert.Equal(CellKind.Gru, definition.Layers[l].Kind);
            Assert.Equal(layout.WeightIh(l).Of(parameters).ToArray(), definition.Layers[l].WeightIh.ToFloatArray());
            Assert.Equal(layout.WeightHh(l).Of(parameters).ToArray(), definition.Layers[l].WeightHh.ToFloatArray());
            Assert.Equal(layout.BiasIh(l).Of(parameters).ToArray(), definition.Layers[l].BiasIh.ToArray());
            Assert.Equal(layout.BiasHh(l).Of(parameters).ToArray(), definition.Layers[l].BiasHh.ToArray());
        }

        Assert.Equal(layout.HeadWeight.Of(parameters).ToArray(), definition.Head.Weight.ToFloatArray());
        Assert.Equal(4, definition.OutputSize);
    }

    /// <summary>
    /// A checkpoint as the version-1 code (magic "ERNNCKPT", before the envelope) wrote it: GRU 2 → 2 → 2 after 2 epochs on
    /// <c>TrainingData.SineWindows(8, 6)</c>, batch 4, seed 3, one thread.
    /// </summary>
    private static byte[] CheckpointVersion1 => Convert.FromBase64String("""
        RVJOTkNLUFQBAAAAAwAAAAIAAAACAAAAAQAAAAIAAAACAAAAAgAAAKuqqpV+Jcc/AAAAACoAAAB8FLw8Y6yFPrIsCz8VnWQ+GTMVPo6DpD7Ct9W+
        cCObv3NuYD/KYR+/XIs2PlHCl78KEo6+ysJ0v+3Ddb8hWJA+5El0v4DimL57OJk+fzR0vz2mTL9nERy/ZhsaPwajSr+W8YA7mUOCu+wTV7uFYIE7
        C1yBu2n9UrqW8YA7mUOCu+wTV7uFYIE7f4xSu1D9TLuG11c/sbe4vpqVi79d0Ma+qP+2OT+zFzoqAAAAfBS8PGOshT6yLAs/FZ1kPhkzFT6Og6Q+
        wrfVvnAjm79zbmA/ymEfv1yLNj5Rwpe/ChKOvsrCdL/tw3W/IViQPuRJdL+A4pi+eziZPn80dL89pky/ZxEcv2YbGj8Go0q/lvGAO5lDgrvsE1e7
        hWCBOwtcgbtp/VK6lvGAO5lDgrvsE1e7hWCBO3+MUrtQ/Uy7htdXP7G3uL6alYu/XdDGvqj/tjk/sxc6AAAAAAQAAAAAAAAAAgAAACoAAACEqT26
        Se9vOX8ESTp1kUY53tzgOIGl0Tl6Qqm6QsmwudUa4jtW24e7GyMePUnyLzxQDAS6fKl+uUjYMjljoxy52TMYuZ5ugLkmVeG5MNn3N5qoNTvUNO06
        BrWJOxP/cLt52OO6+SQnO9KokDo2RUq7eV6VO7qNyzx52OO6+SQnO9KokDo2RUq7vpQ3OuclgTyYgB+9YB0YPOIGEr1nRBO7JWE4vcm2Gb0qAAAA
        d4e8MsefjTE6x1UzH1lQMXG2qjIEvXcyyoHtM0SDvDGucNk1S7AkNYuWUjj/D402NvkTMuuwXzE0r0wxw8kbMfj4jDG3zKYxIZ0KM0j2TS9gMJE0
        CiYQNMiZIDXexAA1E+/iM7v0cDQaPIgzxFKxNNiORzVGWUA4E+/iM7v0cDQaPIgzxFKxNKbmMDPz7nI3aJBWODSLmzaRzzM4ngrrNSZQbjl8ywU5
        /Knx0k1iUD8AAAAAAADwfwAAAAACAAAAAQAAAFVVQBr0UMU/VVWFgpRQxz/8qfHSTWJQP3/1hpibGFpAsw8N5gpKsD8CAAAAqmrPED0gxT+rqqqV
        fiXHP/yp8dJNYlA/1HSSiohX20Dz/uSUJd8xP3hDQz8=
        """);
}
