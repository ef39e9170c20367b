using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Sources.Files;

/// <summary>The one PipeReader loop a stream source uses to get the next sample out of its pipe.</summary>
internal static class PipeFrames
{
    /// <summary>
    /// Reads until <paramref name="parser"/> yields a sample or the pipe ends. Follows the Pipelines rules: the buffer is
    /// handled before <see cref="ReadResult.IsCompleted"/>, AdvanceTo runs in a finally, examined is the end only when no
    /// whole frame was there, and no slice is kept after AdvanceTo (the sample holds copies). Completes synchronously,
    /// without any async machinery, while the pipe already holds a whole frame.
    /// </summary>
    /// <param name="reader">The pipe to read.</param>
    /// <param name="parser">The frame parser of this pipe.</param>
    /// <param name="sample">Filled with the sample.</param>
    /// <param name="cancellationToken">Cancels the wait for bytes.</param>
    /// <returns>True with a sample; false when the pipe completed with no whole frame left.</returns>
    public static ValueTask<bool> ReadSampleAsync(
        PipeReader reader, IFrameParser parser, SampleBuffer sample, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (reader.TryRead(out ReadResult result))
        {
            Outcome outcome = Parse(reader, result, parser, sample);
            if (outcome != Outcome.NeedMore)
            {
                return new ValueTask<bool>(outcome == Outcome.Sample);
            }
        }

        return ReadSlowAsync(reader, parser, sample, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> ReadSlowAsync(
        PipeReader reader, IFrameParser parser, SampleBuffer sample, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            Outcome outcome = Parse(reader, result, parser, sample);
            if (outcome != Outcome.NeedMore)
            {
                return outcome == Outcome.Sample;
            }
        }
    }

    private static Outcome Parse(PipeReader reader, ReadResult result, IFrameParser parser, SampleBuffer sample)
    {
        ReadOnlySequence<byte> buffer = result.Buffer;
        bool got = false;
        try
        {
            got = parser.TryReadSample(ref buffer, result.IsCompleted, sample);
        }
        finally
        {
            reader.AdvanceTo(buffer.Start, got ? buffer.Start : buffer.End);
        }

        return got ? Outcome.Sample
            : result.IsCompleted || result.IsCanceled ? Outcome.End
            : Outcome.NeedMore;
    }

    private enum Outcome
    {
        NeedMore,
        Sample,
        End,
    }
}
