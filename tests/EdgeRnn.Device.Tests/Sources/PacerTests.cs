using System.Diagnostics;
using EdgeRnn.Device.Sources;

namespace EdgeRnn.Device.Tests.Sources;

public class PacerTests
{
    [Fact]
    public async Task WaitUntilAsync_FutureMoment_ReturnsOnlyOnceItHasPassed()
    {
        using var pacer = new Pacer();
        // Timers fire on a coarser clock than Stopwatch, sometimes a little early; the pacer must wait out the rest.
        for (int i = 0; i < 20; i++)
        {
            long due = Pacer.After(Stopwatch.GetTimestamp(), 0.0005 + (0.0001 * i));

            await pacer.WaitUntilAsync(due, Eventually.Limit());

            Assert.True(Stopwatch.GetTimestamp() >= due);
        }
    }

    [Fact]
    public void WaitUntilAsync_PastMoment_CompletesAtOnce()
    {
        using var pacer = new Pacer();

        ValueTask wait = pacer.WaitUntilAsync(Stopwatch.GetTimestamp() - 1, CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitUntilAsync_Cancelled_ThrowsAndCanWaitAgain()
    {
        using var pacer = new Pacer();
        using var cancel = new CancellationTokenSource();

        ValueTask wait = pacer.WaitUntilAsync(Pacer.After(Stopwatch.GetTimestamp(), 3600), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await wait);
        await pacer.WaitUntilAsync(Pacer.After(Stopwatch.GetTimestamp(), 0.001), CancellationToken.None);
    }
}
