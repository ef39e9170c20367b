using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Sources;

/// <summary>
/// Where samples come from (a CSV file, stdin, TCP or UDP clients, a simulated sensor, an I2C or IIO sensor).
/// Pull design: the pipeline calls <see cref="ReadAsync"/> with one preallocated <see cref="SampleBuffer"/> it reuses,
/// so nothing is allocated per sample once warm. Finite sources (a file, stdin, a sim with a count) end with false;
/// push sources (TCP, UDP) hold received samples in a bounded queue that drops the oldest when the reader falls behind
/// (counted in <see cref="SourceStatistics.Dropped"/>); pull sources (file, stdin, sim) are back-pressured by the reader.
/// </summary>
internal interface ISampleSource : IAsyncDisposable
{
    /// <summary>What the source is, for logs: the spec it was made from.</summary>
    string Description { get; }

    /// <summary>The channel count: configured, from a header or the profile, or else from the first sample (0 before).</summary>
    int ChannelCount { get; }

    /// <summary>The channel names (header names, profile names, or "ch0"...), empty until the count is known.</summary>
    IReadOnlyList<string> ChannelNames { get; }

    /// <summary>Counters: samples delivered and dropped, frames by outcome, connections, reconnects.</summary>
    SourceStatistics Statistics { get; }

    /// <summary>Opens the source: opens the file, binds the socket. Call once before <see cref="ReadAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the source is ready.</returns>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    ValueTask StartAsync(CancellationToken cancellationToken);

    /// <summary>Waits for the next sample and copies it into <paramref name="sample"/>.</summary>
    /// <param name="sample">The caller's reusable buffer, with capacity for the source's channels.</param>
    /// <param name="cancellationToken">Cancels the wait (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>True with a sample; false at the end of a finite source.</returns>
    ValueTask<bool> ReadAsync(SampleBuffer sample, CancellationToken cancellationToken);
}
