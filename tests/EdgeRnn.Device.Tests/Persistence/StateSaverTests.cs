using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Persistence;
using EdgeRnn.Device.Tests.Metrics;

namespace EdgeRnn.Device.Tests.Persistence;

public sealed class StateSaverTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-saver-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SaveIfDue_BeforeAndAfterTheInterval_SavesOnlyWhenDue()
    {
        var model = SmallModels.Forecaster();
        var state = model.CreateState();
        var time = new ManualTime();
        var metrics = new DeviceMetrics(time);
        var store = new StateStore(_directory, TextWriter.Null);
        using (var saver = new StateSaver(store, state, TimeSpan.FromSeconds(30), TextWriter.Null, metrics, time))
        {
            Assert.False(saver.SaveIfDue(1));
            time.Advance(TimeSpan.FromSeconds(29));
            Assert.False(saver.SaveIfDue(2));
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(saver.SaveIfDue(3));
            Assert.False(saver.SaveIfDue(4));
        }

        var result = new StateStore(_directory, TextWriter.Null).Load(model.CreateState());
        Assert.Equal(StateSource.Current, result.Source);
        Assert.Equal(3, result.Saved!.SampleIndex);
        Assert.Equal(1, metrics.StateSaves);
    }

    [Fact]
    public void SaveNow_OnShutdown_WritesTheLatestState()
    {
        var model = SmallModels.Forecaster();
        var state = model.CreateState();
        var store = new StateStore(_directory, TextWriter.Null);
        using (var saver = new StateSaver(store, state, TimeSpan.FromHours(1), TextWriter.Null))
        {
            state.Step([1f, 2f, 3f], new float[3]);
            Assert.True(saver.SaveNow(77));
        }

        var restored = model.CreateState();
        Assert.Equal(77, new StateStore(_directory, TextWriter.Null).Load(restored).Saved!.SampleIndex);
        Assert.Equal(state.ToBytes(), restored.ToBytes());
    }

    [Fact]
    public void SaveNow_DirectoryGone_FailsLoggedNotThrown()
    {
        var model = SmallModels.Forecaster();
        string directory = Path.Combine(_directory, "gone");
        var store = new StateStore(directory, TextWriter.Null);
        Directory.Delete(directory);
        var log = new StringWriter();
        using var saver = new StateSaver(store, model.CreateState(), TimeSpan.FromHours(1), TextWriter.Synchronized(log));
        Assert.False(saver.SaveNow(1));
        Assert.Equal(1, saver.Failures);
        Assert.Contains("save #1 failed", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SaveIfDue_NotDue_AllocatesNothing()
    {
        var model = SmallModels.Forecaster();
        var time = new ManualTime();
        using var saver = new StateSaver(new StateStore(_directory, TextWriter.Null), model.CreateState(), TimeSpan.FromSeconds(10), TextWriter.Null, time: time);
        saver.SaveIfDue(0);
        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                saver.SaveIfDue(i);
            }
        });

        Assert.Equal(0, allocated);
    }
}
