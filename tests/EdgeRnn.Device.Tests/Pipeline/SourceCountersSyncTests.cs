using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Tests.Metrics;

namespace EdgeRnn.Device.Tests.Pipeline;

public class SourceCountersSyncTests
{
    [Fact]
    public void Sync_NewBadFramesAndDrops_AddedToTheMetricsOnce()
    {
        var statistics = new SourceStatistics();
        var metrics = new DeviceMetrics();
        var sync = new SourceCountersSync(statistics, metrics, TextWriter.Null);
        statistics.Frames.AddBadFrame(BadFrameReason.CrcMismatch);
        statistics.Frames.AddBadFrame(BadFrameReason.CrcMismatch);
        statistics.AddDropped();
        statistics.AddReconnect();

        sync.Sync();
        sync.Sync();

        Assert.Contains(("crc_mismatch", 2L), metrics.BadFrames.Snapshot());
        Assert.Contains(("wrong_field_count", 0L), metrics.BadFrames.Snapshot());
        Assert.Equal(1, metrics.DroppedSamples);
        Assert.Equal(1, metrics.SourceReconnects);
    }

    [Fact]
    public void Sync_BurstOfBadInput_AtMostOneLogLinePerInterval()
    {
        var statistics = new SourceStatistics();
        var time = new ManualTime();
        var log = new StringWriter();
        var sync = new SourceCountersSync(statistics, new DeviceMetrics(), log, time);
        for (int tick = 0; tick < 100; tick++)
        {
            statistics.Frames.AddBadFrame(BadFrameReason.NotANumber);
            statistics.Frames.AddFrame(nonFinite: true);
            sync.Sync();
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        string[] lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 10, 11);
        Assert.Equal("input: 1 not_a_number, 1 with NaN or infinite values (last valid value held)", lines[0].TrimEnd());
        Assert.StartsWith("input: 10 not_a_number, 10 with NaN", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Sync_NothingNew_LogsNothing()
    {
        var log = new StringWriter();
        var sync = new SourceCountersSync(new SourceStatistics(), new DeviceMetrics(), log);

        sync.Sync(force: true);

        Assert.Empty(log.ToString());
        Assert.Equal(0, sync.LinesLogged);
    }
}
