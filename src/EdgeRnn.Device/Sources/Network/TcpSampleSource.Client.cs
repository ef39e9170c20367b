using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Sources.Network;

/// <summary>One client: a socket-to-pipe fill loop and a pipe-to-queue parse loop, the two ends completed on every exit.</summary>
internal sealed partial class TcpSampleSource
{
    private const int MinimumReceiveSize = 4096;

    /// <summary>
    /// Pipe settings of a client: at most 64 KiB buffered before the socket reads pause. The pause threshold
    /// must stay above the largest frame a parser waits for (a 4 KiB line, an 18 + 4 × 1024 byte frame), or a reader
    /// waiting for the end of a frame would wait for a paused writer forever.
    /// </summary>
    private static readonly PipeOptions ClientPipeOptions = new(
        pauseWriterThreshold: 64 * 1024,
        resumeWriterThreshold: 32 * 1024,
        minimumSegmentSize: 4096,
        useSynchronizationContext: false);

    private async Task RunClientAsync(Socket socket, CancellationToken stop)
    {
        await Task.Yield();
        var pipe = new Pipe(ClientPipeOptions);
        IFrameParser parser = NetworkParsers.Create(Format, Options, Statistics.Frames);
        var sample = new SampleBuffer(Options.Capacity);
        Task fill = FillAsync(socket, pipe.Writer, stop);
        try
        {
            await ParseAsync(pipe.Reader, parser, sample, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            await fill.ConfigureAwait(false);
            socket.Dispose();
            Statistics.AddDisconnect();
        }
    }

    /// <summary>
    /// Parses every whole frame of each read before the next read (one await per read, not per sample); examined is the
    /// end only after the parser found no whole frame in what is left.
    /// </summary>
    private async Task ParseAsync(PipeReader reader, IFrameParser parser, SampleBuffer sample, CancellationToken stop)
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync(stop).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            try
            {
                while (parser.TryReadSample(ref buffer, result.IsCompleted, sample))
                {
                    Deliver(sample, parser);
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    private static async Task FillAsync(Socket socket, PipeWriter writer, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                Memory<byte> memory = writer.GetMemory(MinimumReceiveSize);
                int received = await socket.ReceiveAsync(memory, SocketFlags.None, stop).ConfigureAwait(false);
                if (received == 0)
                {
                    break;
                }

                writer.Advance(received);
                FlushResult flushed = await writer.FlushAsync(stop).ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A reset connection or a stop ends this client like a clean close; the bytes received so far are still parsed.
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }
}
