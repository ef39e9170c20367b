using System.Buffers;
using System.Net.Sockets;
using System.Text;

namespace EdgeRnn.Device.Metrics;

internal sealed partial class MetricsServer
{
    private async Task ServeAndCloseAsync(Connection connection)
    {
        try
        {
            await ServeAsync(connection);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, timed out or was evicted, or the server is stopping: nothing to answer.
        }
        finally
        {
            byte[]? buffer = connection.Buffer;
            connection.Dispose();
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                Interlocked.Decrement(ref _rentedBuffers);
            }

            Forget(connection);
            if (Interlocked.Decrement(ref _serving) == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Reads one request head and answers it.</summary>
    private async Task ServeAsync(Connection connection)
    {
        var client = connection.Socket;
        var token = connection.Deadline;

        // Until the first bytes arrive the connection holds no buffer: a zero-byte read waits for them.
        await client.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, token);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxRequestBytes);
        Interlocked.Increment(ref _rentedBuffers);
        connection.Buffer = buffer;
        int filled = 0;
        int headEnd;
        while ((headEnd = buffer.AsSpan(0, filled).IndexOf(HttpRequestHead.Terminator)) < 0)
        {
            if (filled == MaxRequestBytes)
            {
                await RespondAsync(client, 431, "Request Header Fields Too Large", $"Expected a request head of at most {MaxRequestBytes} bytes.\n", false, token);
                await DrainAsync(client, buffer, token);
                return;
            }

            int read = await client.ReceiveAsync(buffer.AsMemory(filled, MaxRequestBytes - filled), SocketFlags.None, token);
            if (read == 0)
            {
                return;
            }

            filled += read;
        }

        if (!MarkHeadReceived(connection))
        {
            return;
        }

        if (!HttpRequestHead.TryParse(buffer.AsSpan(0, headEnd + 4), out var request))
        {
            await RespondAsync(client, 400, "Bad Request", "Expected an HTTP/1.x request line: METHOD /path HTTP/1.1.\n", false, token);
            return;
        }

        bool head = request.Method == "HEAD";
        if (request.Path != "/metrics")
        {
            await RespondAsync(client, 404, "Not Found", "Not found: the metrics are at /metrics.\n", head, token);
        }
        else if (request.Method != "GET" && !head)
        {
            await RespondAsync(client, 405, "Method Not Allowed", "Expected GET or HEAD.\n", false, token);
        }
        else
        {
            string body;
            try
            {
                body = _render();
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or IOException)
            {
                _log.WriteLine($"metrics: rendering failed: {e.Message}");
                await RespondAsync(client, 500, "Internal Server Error", "The metrics could not be rendered.\n", head, token);
                return;
            }

            await RespondAsync(client, 200, "OK", body, head, token, DeviceMetrics.ContentType);
        }
    }

    private async Task RespondAsync(Socket client, int status, string reason, string body, bool headOnly, CancellationToken token, string contentType = "text/plain; charset=utf-8")
    {
        byte[] payload = Encoding.UTF8.GetBytes(body);
        string head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n"
            + (status == 405 ? "Allow: GET, HEAD\r\n" : string.Empty) + "\r\n";
        await SendAllAsync(client, Encoding.ASCII.GetBytes(head), token);
        if (!headOnly)
        {
            await SendAllAsync(client, payload, token);
        }

        client.Shutdown(SocketShutdown.Send);
        Interlocked.Increment(ref _responses);
    }

    private static async Task SendAllAsync(Socket client, ReadOnlyMemory<byte> data, CancellationToken token)
    {
        while (!data.IsEmpty)
        {
            int sent = await client.SendAsync(data, SocketFlags.None, token);
            data = data[sent..];
        }
    }

    /// <summary>Reads and drops what the client still sends (up to 1 MiB), so closing does not reset the answer away.</summary>
    private static async Task DrainAsync(Socket client, byte[] buffer, CancellationToken token)
    {
        long drained = 0;
        while (drained < 1 << 20)
        {
            int read = await client.ReceiveAsync(buffer, SocketFlags.None, token);
            if (read == 0)
            {
                return;
            }

            drained += read;
        }
    }
}
