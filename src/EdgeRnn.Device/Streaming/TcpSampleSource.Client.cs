using System.IO.Pipelines;
using System.Net.Sockets;
using EdgeRnn.Device.Framing;

namespace EdgeRnn.Device.Streaming;

/// <summary>One client: a socket-to-pipe fill loop and a pipe-to-queue parse loop, the two ends completed on every exit.</summary>
internal sealed partial class TcpSampleSource
{
    private const int MinimumReceiveSize = 4096;

    private async Task RunClientAsync(Socket socket, CancellationToken stop)
    {
        await Task.Yield();
        var pipe = new Pipe(PipeFrames.NetworkPipeOptions);
        IFrameParser parser = NetworkParsers.Create(_format, _options, Statistics.Frames);
        var sample = new SampleBuffer(_options.Capacity);
        Task fill = FillAsync(socket, pipe.Writer, stop);
        try
        {
            while (await PipeFrames.ReadSampleAsync(pipe.Reader, parser, sample, stop).ConfigureAwait(false))
            {
                if (_channels.Admit(sample, parser.ChannelNames))
                {
                    if (!sample.HasTimestamp)
                    {
                        sample.TimestampMicroseconds = UnixClock.NowMicroseconds();
                    }

                    _queue.Write(sample);
                }
            }
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
