namespace EdgeRnn.Device.Tests.Sources;

/// <summary>Waits for a condition that another thread makes true; fails (never hangs) after a generous limit.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what)
    {
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail($"Expected {what} within 10 s; it did not happen.");
    }

    public static CancellationToken Limit() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;
}
