using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

public class WindowBatcherTests
{
    [Fact]
    public void Create_Forecast_WindowsNeedOneExtraStep()
    {
        Segment[] segments = [new(0, 0, 10), new(0, 12, 4), new(1, 3, 7)];
        var windows = WindowPlan.Create(ModelTask.Forecast, segments, length: 3, stride: 3);
        Assert.Equal([new Window(0, 0), new Window(0, 3), new Window(0, 6), new Window(0, 12), new Window(1, 3), new Window(1, 6)], windows);
        var labelWindows = WindowPlan.Create(ModelTask.Label, segments, length: 4, stride: 2);
        Assert.Equal([new Window(0, 0), new Window(0, 2), new Window(0, 4), new Window(0, 6), new Window(0, 12), new Window(1, 3), new Window(1, 5)], labelWindows);
    }

    [Fact]
    public void NextBatch_InOrder_InputsAndTargetsShiftedByOne()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", CsvFiles.Numeric(["a", "b"], 20, (t, c) => (c * 100) + t));
        var data = DataLoader.Load(temp.Path, new DataOptions { ValidationFraction = 0, TargetColumns = ["b"] });
        var batcher = new WindowBatcher(data, SplitPart.Train, length: 4, stride: 2, batchSize: 3);
        var batch = batcher.CreateBatch();
        Assert.True(batcher.NextBatch(batch));
        Assert.Equal(3, batch.Count);
        for (int slot = 0; slot < 3; slot++)
        {
            int start = slot * 2;
            Assert.Equal(new Window(0, start), batch.Windows[slot]);
            Assert.Equal(SlotState.Reset, batch.States[slot]);
            for (int k = 0; k < 4; k++)
            {
                Assert.Equal(start + k, Raw(data, 0, batch.InputsOf(slot)[k * 2]), 3);
                Assert.Equal(100 + start + k, Raw(data, 1, batch.InputsOf(slot)[(k * 2) + 1]), 3);
                Assert.Equal(100 + start + k + 1, Raw(data, 1, batch.TargetsOf(slot)[k]), 3);
            }
        }
    }

    [Fact]
    public void NextBatch_LastBatchPartial_UnusedSlotsCleared()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", CsvFiles.Numeric(["a"], 11, (t, _) => t + 1));
        var data = DataLoader.Load(temp.Path, new DataOptions { ValidationFraction = 0 });
        var batcher = new WindowBatcher(data, SplitPart.Train, length: 2, stride: 2, batchSize: 3);
        Assert.Equal(5, batcher.WindowCount);
        Assert.Equal(2, batcher.BatchCount);
        var batch = batcher.CreateBatch();
        Assert.True(batcher.NextBatch(batch));
        Assert.True(batcher.NextBatch(batch));
        Assert.Equal(2, batch.Count);
        Assert.Equal(SlotState.Unused, batch.States[2]);
        Assert.All(batch.InputsOf(2).ToArray(), v => Assert.Equal(0f, v));
        Assert.False(batcher.NextBatch(batch));
    }

    [Fact]
    public void StartEpoch_SameSeedAndEpoch_SameOrder_OtherEpochDiffers()
    {
        var data = Ramp(200);
        var first = Order(data, seed: 42, epoch: 3);
        Assert.Equal(first, Order(data, seed: 42, epoch: 3));
        Assert.NotEqual(first, Order(data, seed: 42, epoch: 4));
        Assert.NotEqual(first, Order(data, seed: 43, epoch: 3));
        Assert.Equal(Enumerable.Range(0, 200 - 4), first.Order());
    }

    [Fact]
    public void NextBatch_Warm_AllocatesNothing()
    {
        var data = Ramp(500);
        var batcher = new WindowBatcher(data, SplitPart.Train, length: 8, stride: 3, batchSize: 16);
        var batch = batcher.CreateBatch();
        batcher.StartEpoch(1, 0);
        batcher.NextBatch(batch);
        batcher.StartEpoch(1, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int batches = 0;
        while (batcher.NextBatch(batch))
        {
            batches++;
        }

        batcher.StartEpoch(1, 2);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(batcher.BatchCount, batches);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void NextBatch_Classify_LabelIsValueAtWindowEnd()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", "x,class\n1,a\n2,a\n3,b\n4,b\n5,a\n6,c\n");
        var data = DataLoader.Load(temp.Path, new DataOptions { Task = ModelTask.Classify, ValidationFraction = 0 });
        var batcher = new WindowBatcher(data, SplitPart.Train, length: 3, stride: 1, batchSize: 5);
        var batch = batcher.CreateBatch();
        Assert.True(batcher.NextBatch(batch));
        Assert.Equal(4, batch.Count);
        Assert.Equal(["b", "b", "a", "c"], batch.WindowLabels.Take(4).Select(l => data.ClassNames[l]));
        Assert.Equal(-1, batch.WindowLabels[4]);
    }

    [Fact]
    public void NextBatch_Label_StepLabelsAligned()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", "x,label\n1,0\n2,0\n3,1\n4,1\n5,0\n");
        var data = DataLoader.Load(temp.Path, new DataOptions { Task = ModelTask.Label, ValidationFraction = 0 });
        var batcher = new WindowBatcher(data, SplitPart.Train, length: 5, stride: 1, batchSize: 1);
        var batch = batcher.CreateBatch();
        Assert.True(batcher.NextBatch(batch));
        Assert.Equal([0, 0, 1, 1, 0], batch.StepLabels);
    }

    [Fact]
    public void RequireAny_SegmentsTooShort_ThrowsWithLongestRun()
    {
        var data = Ramp(10);
        WindowPlan.RequireAny(data, SplitPart.Train, 9);
        var error = Assert.Throws<RecordingException>(() => WindowPlan.RequireAny(data, SplitPart.Train, 10));
        Assert.Contains("has 10 steps", error.Message, StringComparison.Ordinal);
        Assert.Throws<RecordingException>(() => WindowPlan.RequireAny(data, SplitPart.Validation, 1));
    }

    internal static TrainingData Ramp(int rows)
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", CsvFiles.Numeric(["a"], rows, (t, _) => t));
        return DataLoader.Load(temp.Path, new DataOptions { ValidationFraction = 0 });
    }

    private static List<int> Order(TrainingData data, ulong seed, int epoch)
    {
        var batcher = new WindowBatcher(data, SplitPart.Train, length: 4, stride: 1, batchSize: 7);
        var batch = batcher.CreateBatch();
        batcher.StartEpoch(seed, epoch);
        var starts = new List<int>();
        while (batcher.NextBatch(batch))
        {
            starts.AddRange(batch.Windows.Take(batch.Count).Select(w => w.Start));
        }

        return starts;
    }

    private static double Raw(TrainingData data, int channel, float normalised) =>
        (normalised * data.InputNormalization.Std[channel]) + data.InputNormalization.Mean[channel];
}
