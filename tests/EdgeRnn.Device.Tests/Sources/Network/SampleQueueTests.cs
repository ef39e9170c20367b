using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Network;

namespace EdgeRnn.Device.Tests.Sources.Network;

public class SampleQueueTests
{
    private readonly SourceStatistics _statistics = new();

    [Fact]
    public async Task Write_MoreThanCapacity_DropsOldestAndCountsThem()
    {
        var queue = new SampleQueue(4, 2, _statistics);
        for (int i = 0; i < 10; i++)
        {
            queue.Write(Sample(i));
        }

        var read = new SampleBuffer(2);
        var values = new List<float>();
        for (int i = 0; i < 4; i++)
        {
            Assert.True(await queue.ReadAsync(read, CancellationToken.None));
            values.Add(read.Values[0]);
        }

        Assert.Equal([6f, 7f, 8f, 9f], values);
        Assert.Equal(6, _statistics.Dropped);
        Assert.Equal(4, _statistics.Samples);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task ReadAsync_Waiting_GetsTheNextWriteDirectly()
    {
        var queue = new SampleQueue(4, 2, _statistics);
        var read = new SampleBuffer(2);

        ValueTask<bool> waiting = queue.ReadAsync(read, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        queue.Write(Sample(42));

        Assert.True(await waiting);
        Assert.Equal(42f, read.Values[0]);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task ReadAsync_Cancelled_ThrowsAndTheQueueStaysUsable()
    {
        var queue = new SampleQueue(4, 2, _statistics);
        var read = new SampleBuffer(2);
        using var cancel = new CancellationTokenSource();

        ValueTask<bool> waiting = queue.ReadAsync(read, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        queue.Write(Sample(5));
        Assert.True(await queue.ReadAsync(read, CancellationToken.None));
        Assert.Equal(5f, read.Values[0]);
    }

    [Fact]
    public async Task Complete_AfterHeldSamples_ReadsThemThenFalse()
    {
        var queue = new SampleQueue(4, 2, _statistics);
        var read = new SampleBuffer(2);
        queue.Write(Sample(1));
        queue.Complete();
        queue.Write(Sample(2));

        Assert.True(await queue.ReadAsync(read, CancellationToken.None));
        Assert.False(await queue.ReadAsync(read, CancellationToken.None));
    }

    [Fact]
    public async Task WriteAndRead_ManyFromAnotherThread_AllArriveInOrderWithoutLoss()
    {
        var queue = new SampleQueue(100_000, 2, _statistics);
        var writer = Task.Run(() =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                queue.Write(Sample(i));
            }

            queue.Complete();
        });
        var read = new SampleBuffer(2);
        int expected = 0;
        while (await queue.ReadAsync(read, Eventually.Limit()))
        {
            Assert.Equal(expected++, read.Values[0]);
        }

        await writer;
        Assert.Equal(20_000, expected);
    }

    private static SampleBuffer Sample(float value)
    {
        var sample = new SampleBuffer(2);
        sample.Begin(2)[0] = value;
        sample.End();
        return sample;
    }
}
