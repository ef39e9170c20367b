using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

public class StreamBatcherTests
{
    [Fact]
    public void NextBatch_Lanes_ContinueWithinSegmentAndResetAtNewSegment()
    {
        using var temp = new TempFolder();
        // a: 13 rows, one segment → 3 windows of 4 (each needs 5 steps); b: gap splits it into 9 + 5 rows → 2 + 1 windows.
        temp.Write("a.csv", CsvFiles.Numeric(["x", "y"], 13, (t, _) => t));
        string b = "x,y\n" + string.Join("\n", Enumerable.Range(0, 9).Select(t => $"{t},0")) + "\n,1\n,1\n,1\n,1\n"
            + string.Join("\n", Enumerable.Range(20, 5).Select(t => $"{t},0")) + "\n";
        temp.Write("b.csv", b);
        var data = DataLoader.Load(temp.Path, new DataOptions { ValidationFraction = 0 });
        var batcher = new StreamBatcher(data, SplitPart.Train, length: 4, lanes: 2);
        Assert.Equal(6, batcher.WindowCount);
        Assert.Equal(3, batcher.BatchCount);
        var batch = batcher.CreateBatch();

        var states = new List<(SlotState, SlotState)>();
        var windows = new List<(Window, Window)>();
        while (batcher.NextBatch(batch))
        {
            states.Add((batch.States[0], batch.States[1]));
            windows.Add((batch.Windows[0], batch.Windows[1]));
        }

        // Lane 0 streams file a; lane 1 streams b's first segment, then its second.
        Assert.Equal([(SlotState.Reset, SlotState.Reset), (SlotState.Continue, SlotState.Continue), (SlotState.Continue, SlotState.Reset)], states);
        Assert.Equal([(new Window(0, 0), new Window(1, 0)), (new Window(0, 4), new Window(1, 4)), (new Window(0, 8), new Window(1, 9))], windows);
    }

    [Fact]
    public void NextBatch_ShortLane_MarkedUnused()
    {
        var data = WindowBatcherTests.Ramp(30);
        var batcher = new StreamBatcher(data, SplitPart.Train, length: 4, lanes: 3);
        var batch = batcher.CreateBatch();
        Assert.True(batcher.NextBatch(batch));
        Assert.Equal(1, batch.Count);
        Assert.Equal([SlotState.Reset, SlotState.Unused, SlotState.Unused], batch.States);
        batcher.Reset();
        int batches = 0;
        while (batcher.NextBatch(batch))
        {
            batches++;
        }

        Assert.Equal(7, batches);
    }

    [Fact]
    public void NextBatch_Warm_AllocatesNothing()
    {
        var data = WindowBatcherTests.Ramp(400);
        var batcher = new StreamBatcher(data, SplitPart.Train, length: 8, lanes: 4);
        var batch = batcher.CreateBatch();
        batcher.NextBatch(batch);
        batcher.Reset();
        long before = GC.GetAllocatedBytesForCurrentThread();
        while (batcher.NextBatch(batch))
        {
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
