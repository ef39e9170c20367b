using System.Buffers;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Framing;

/// <summary>
/// Turns bytes into samples: CSV lines or binary frames. Used inside a PipeReader loop:
/// <code>
/// bool got = parser.TryReadSample(ref buffer, result.IsCompleted, sample);
/// reader.AdvanceTo(buffer.Start, got ? buffer.Start : buffer.End);
/// </code>
/// A parser never throws on bad input: it counts a bad frame in its <see cref="FrameCounters"/> and goes on.
/// </summary>
internal interface IFrameParser
{
    /// <summary>The channel count once known (from a header, configuration or the first frame), else 0.</summary>
    int ChannelCount { get; }

    /// <summary>The channel names from a CSV header, else "ch0", "ch1", ...; empty until the channel count is known.</summary>
    IReadOnlyList<string> ChannelNames { get; }

    /// <summary>
    /// Reads the next sample from the front of <paramref name="buffer"/>, skipping headers, empty lines and bad frames.
    /// On return <paramref name="buffer"/> starts after everything consumed; nothing of it is kept.
    /// </summary>
    /// <param name="buffer">The unread bytes; sliced past what was consumed.</param>
    /// <param name="isCompleted">True when no more bytes will follow (end of stream or of a datagram): a last line
    /// without a newline is parsed and a cut-off frame is counted as truncated.</param>
    /// <param name="sample">Filled with the sample when the result is true.</param>
    /// <returns>True when a sample was read; false when more bytes are needed (or, when completed, none are left).</returns>
    bool TryReadSample(ref ReadOnlySequence<byte> buffer, bool isCompleted, SampleBuffer sample);
}
