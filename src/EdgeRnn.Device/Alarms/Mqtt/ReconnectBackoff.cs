namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>
/// The waits between connection attempts: <see cref="Initial"/>, then doubling up to <see cref="Max"/>, each shortened by up
/// to a fifth at random so that many devices cut off by one broker restart do not all come back in the same instant;
/// <see cref="Reset"/> after a connection succeeds. Not thread-safe (the publisher's task only).
/// </summary>
internal sealed class ReconnectBackoff
{
    /// <summary>The first wait by default.</summary>
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait by default.</summary>
    public static readonly TimeSpan DefaultMax = TimeSpan.FromSeconds(30);

    private readonly Random _random;
    private TimeSpan _next;

    /// <summary>Creates a back-off at its first wait.</summary>
    /// <param name="initial">The first wait, &gt; 0.</param>
    /// <param name="max">The longest wait, ≥ <paramref name="initial"/>.</param>
    /// <param name="random">The jitter's source; null for <see cref="Random.Shared"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A wait is out of range.</exception>
    public ReconnectBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        Initial = initial;
        Max = max;
        _random = random ?? Random.Shared;
        _next = initial;
    }

    /// <summary>The first wait.</summary>
    public TimeSpan Initial { get; }

    /// <summary>The longest wait.</summary>
    public TimeSpan Max { get; }

    /// <summary>Failed attempts since the last <see cref="Reset"/>.</summary>
    public int Failures { get; private set; }

    /// <summary>The wait before the next attempt, after a failed one: the current step less up to 20%, then the step doubles (capped).</summary>
    /// <returns>The wait, in (0.8 × step, step].</returns>
    public TimeSpan Next()
    {
        TimeSpan step = _next;
        Failures++;
        _next = step * 2 > Max ? Max : step * 2;
        return step * (1 - (0.2 * _random.NextDouble()));
    }

    /// <summary>Back to the first wait (a connection succeeded).</summary>
    public void Reset()
    {
        _next = Initial;
        Failures = 0;
    }
}
