using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeRnn.Device.Metrics;

/// <summary>
/// A minimal HTTP/1.1 server for Prometheus scrapes on a plain socket (AOT-safe): <c>GET /metrics</c> (and HEAD) answers
/// 200 with the exposition text, any other path 404, another method 405, a malformed request 400, a request head over
/// <see cref="MaxRequestBytes"/> 431. One response per connection, then close. At most <see cref="MaxConcurrent"/>
/// connections are served at once (others wait in the listen backlog); each has <see cref="RequestTimeout"/> to send its head.
/// </summary>
internal sealed class MetricsServer : IAsyncDisposable
{
    /// <summary>The largest request head accepted, in bytes.</summary>
    public const int MaxRequestBytes = 8192;

    /// <summary>The most connections served at once.</summary>
    public const int MaxConcurrent = 8;

    /// <summary>How long a client has to send its request head.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly Func<string> _render;
    private readonly TextWriter _log;
    private readonly Socket _listener;
    private readonly SemaphoreSlim _slots = new(MaxConcurrent, MaxConcurrent);
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;
    private long _responses;
    private int _disposed;

    private MetricsServer(Socket listener, Func<string> render, TextWriter log)
    {
        _listener = listener;
        _render = render;
        _log = log;
    }

    /// <summary>The address and port actually bound (the port is chosen by the system when 0 was asked).</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>How many requests were answered (any status).</summary>
    public long Responses => Interlocked.Read(ref _responses);

    /// <summary>Binds the endpoint and starts serving.</summary>
    /// <param name="endPoint">Where to listen (see <see cref="MetricsEndpoint"/> for the binding rule).</param>
    /// <param name="render">Produces the exposition text for each scrape (e.g. <see cref="DeviceMetrics.Render"/>).</param>
    /// <param name="log">Where serving errors are reported.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    /// <exception cref="SocketException">The endpoint cannot be bound (in use, not an address of this machine).</exception>
    public static MetricsServer Start(IPEndPoint endPoint, Func<string> render, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(render);
        ArgumentNullException.ThrowIfNull(log);
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endPoint);
            listener.Listen(32);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var server = new MetricsServer(listener, render, log);
        server._acceptLoop = Task.Run(server.AcceptLoopAsync);
        return server;
    }

    /// <summary>Stops listening and waits for the connections being served.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        for (int i = 0; i < MaxConcurrent; i++)
        {
            await _slots.WaitAsync();
        }

        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Socket client;
            try
            {
                client = await _listener.AcceptAsync(token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                _slots.Release();
                if (token.IsCancellationRequested)
                {
                    return;
                }

                _log.WriteLine($"metrics: accept failed: {e.Message}");
                continue;
            }

            _ = ServeAndReleaseAsync(client);
        }
    }

    private async Task ServeAndReleaseAsync(Socket client)
    {
        try
        {
            await ServeAsync(client);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or timed out: nothing to answer.
        }
        finally
        {
            client.Dispose();
            _slots.Release();
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(RequestTimeout);
        var buffer = new byte[MaxRequestBytes];
        int filled = 0;
        int headEnd;
        while ((headEnd = buffer.AsSpan(0, filled).IndexOf(HttpRequestHead.Terminator)) < 0)
        {
            if (filled == buffer.Length)
            {
                await RespondAsync(client, 431, "Request Header Fields Too Large", $"Expected a request head of at most {MaxRequestBytes} bytes.\n", false, timeout.Token);
                await DrainAsync(client, timeout.Token);
                return;
            }

            int read = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                return;
            }

            filled += read;
        }

        if (!HttpRequestHead.TryParse(buffer.AsSpan(0, headEnd + 4), out var request))
        {
            await RespondAsync(client, 400, "Bad Request", "Expected an HTTP/1.x request line: METHOD /path HTTP/1.1.\n", false, timeout.Token);
            return;
        }

        bool head = request.Method == "HEAD";
        if (request.Path != "/metrics")
        {
            await RespondAsync(client, 404, "Not Found", "Not found: the metrics are at /metrics.\n", head, timeout.Token);
        }
        else if (request.Method != "GET" && !head)
        {
            await RespondAsync(client, 405, "Method Not Allowed", "Expected GET or HEAD.\n", false, timeout.Token);
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
                await RespondAsync(client, 500, "Internal Server Error", "The metrics could not be rendered.\n", head, timeout.Token);
                return;
            }

            await RespondAsync(client, 200, "OK", body, head, timeout.Token, DeviceMetrics.ContentType);
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

    private static async Task DrainAsync(Socket client, CancellationToken token)
    {
        var sink = new byte[4096];
        long drained = 0;
        while (drained < 1 << 20)
        {
            int read = await client.ReceiveAsync(sink, SocketFlags.None, token);
            if (read == 0)
            {
                return;
            }

            drained += read;
        }
    }
}
