using System.Net;
using System.Net.Sockets;

namespace EdgeRnn.Device.Metrics;

/// <summary>
/// A minimal HTTP/1.1 server for Prometheus scrapes on a plain socket (AOT-safe): <c>GET /metrics</c> (and HEAD) answers
/// 200 with the exposition text, any other path 404, another method 405, a malformed request 400, a request head over
/// <see cref="MaxRequestBytes"/> 431. One response per connection, then close.
/// </summary>
/// <remarks>
/// Every connection is accepted at once and read asynchronously, so a scrape is answered as soon as its head arrives,
/// whatever other clients do. An idle connection holds no thread and no buffer (it waits with a zero-byte read; a pooled
/// buffer is rented when bytes arrive); each has <see cref="RequestTimeout"/> to send its head and get its answer. At most
/// <see cref="MaxConnections"/> are open: when full, a new connection evicts the oldest one still waiting for its head.
/// </remarks>
internal sealed partial class MetricsServer : IAsyncDisposable
{
    /// <summary>The largest request head accepted, in bytes.</summary>
    public const int MaxRequestBytes = 8192;

    /// <summary>The most connections open at once; past it the oldest still waiting for its head is closed.</summary>
    public const int MaxConnections = 256;

    /// <summary>How long a client has to send its request head and receive the answer.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly Func<string> _render;
    private readonly TextWriter _log;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly LinkedList<Connection> _open = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _acceptLoop = Task.CompletedTask;
    private long _responses;
    private long _evictions;
    private int _peakOpen;
    private int _serving = 1; // the accept loop's own count, dropped by DisposeAsync once the loop has ended
    private int _rentedBuffers;
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

    /// <summary>How many connections were closed to make room for a new one.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>The connections open now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>The most connections that were open at once.</summary>
    public int PeakOpenConnections => Volatile.Read(ref _peakOpen);

    /// <summary>Request buffers rented from the pool and not yet returned.</summary>
    public int RentedBuffers => Volatile.Read(ref _rentedBuffers);

    /// <summary>Binds the endpoint and starts serving.</summary>
    /// <param name="endPoint">Where to listen (see <see cref="MetricsEndpoint"/> for the binding rule).</param>
    /// <param name="render">Produces the exposition text for each scrape (e.g. <see cref="DeviceMetrics.Render"/>); called from any thread, concurrently.</param>
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
            listener.Listen(MaxConnections);
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

    /// <summary>Stops listening, closes every open connection and waits until each has let go of its socket and buffer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        if (Interlocked.Decrement(ref _serving) == 0)
        {
            _drained.TrySetResult();
        }

        await _drained.Task;

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (token.IsCancellationRequested)
                {
                    return;
                }

                _log.WriteLine($"metrics: accept failed: {e.Message}");
                continue;
            }

            var connection = Admit(client);
            if (connection is null)
            {
                client.Dispose();
                continue;
            }

            Interlocked.Increment(ref _serving);
            _ = ServeAndCloseAsync(connection);
        }
    }

    /// <summary>Adds a connection, evicting the oldest one still waiting for its head when full; null when none can go.</summary>
    private Connection? Admit(Socket client)
    {
        Connection? evicted = null;
        Connection admitted;
        lock (_gate)
        {
            if (_open.Count >= MaxConnections)
            {
                for (var node = _open.First; node is not null; node = node.Next)
                {
                    if (!node.Value.HeadReceived)
                    {
                        evicted = node.Value;
                        _open.Remove(node);
                        break;
                    }
                }

                if (evicted is null)
                {
                    return null;
                }
            }

            admitted = new Connection(client, _stopping.Token);
            admitted.Node = _open.AddLast(admitted);
            _peakOpen = Math.Max(_peakOpen, _open.Count);
        }

        if (evicted is not null)
        {
            if (Interlocked.Increment(ref _evictions) == 1)
            {
                _log.WriteLine($"metrics: over {MaxConnections} connections open: closing the oldest that have not sent a request (reported once)");
            }

            evicted.Close();
        }

        return admitted;
    }

    /// <summary>Marks a connection's head as received, unless it was evicted already; whether it may be answered.</summary>
    private bool MarkHeadReceived(Connection connection)
    {
        lock (_gate)
        {
            if (connection.Node?.List is null)
            {
                return false;
            }

            connection.HeadReceived = true;
            return true;
        }
    }

    private void Forget(Connection connection)
    {
        lock (_gate)
        {
            if (connection.Node?.List is not null)
            {
                _open.Remove(connection.Node);
            }
        }
    }

    /// <summary>One accepted socket, its deadline and its place in the open list.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly CancellationTokenSource _deadline;

        public Connection(Socket socket, CancellationToken stopping)
        {
            Socket = socket;
            _deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _deadline.CancelAfter(RequestTimeout);
        }

        public Socket Socket { get; }

        /// <summary>Cancelled at <see cref="RequestTimeout"/> after the accept, and when the server stops.</summary>
        public CancellationToken Deadline => _deadline.Token;

        public LinkedListNode<Connection>? Node { get; set; }

        /// <summary>The pooled request buffer, rented once the first bytes arrived; returned when the connection ends.</summary>
        public byte[]? Buffer { get; set; }

        /// <summary>Set under the server's lock; a connection whose head was received is never evicted.</summary>
        public bool HeadReceived { get; set; }

        /// <summary>Closes the socket: a pending read or write ends at once (how eviction stops a connection).</summary>
        public void Close() => Socket.Dispose();

        public void Dispose()
        {
            Socket.Dispose();
            _deadline.Dispose();
        }
    }
}
