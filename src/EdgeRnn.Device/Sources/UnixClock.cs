namespace EdgeRnn.Device.Sources;

/// <summary>Wall-clock time as microseconds since the Unix epoch, for samples that carry no timestamp.</summary>
internal static class UnixClock
{
    /// <summary>Now, in microseconds since 1970-01-01T00:00:00Z.</summary>
    /// <returns>The current time.</returns>
    public static long NowMicroseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
}
