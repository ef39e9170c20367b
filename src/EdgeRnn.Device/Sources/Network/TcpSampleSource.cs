using System.Net;
using System.Net.Sockets;

namespace EdgeRnn.Device.Sources.Network;

/// <summary>
/// <c>tcp://host:port</c>: listens and accepts any number of clients at once; each client's bytes go through its own
/// <see cref="System.IO.Pipelines.Pipe"/> (bounded by pause/resume thresholds) and its own parser (CSV, binary, or chosen by
/// the first byte), and all samples merge into one bounded <see cref="SampleQueue"/>. A client that disconnects is counted
/// and the others go on; a listener that fails is opened again after an exponential back-off (counted as a reconnect).
/// Never ends by itself: <see cref="NetworkSampleSource{TArrival}.ReadAsync"/> waits until cancelled or disposed.
/// </summary>
internal sealed partial class TcpSampleSource : NetworkSampleSource<Socket>
{
    private readonly Lock _clientsGate = new();
    private readonly HashSet<Task> _clients = [];

    /// <summary>Creates a source listening on <paramref name="endPoint"/> (port 0: any free port).</summary>
    /// <param name="description">The spec, for logs.</param>
    /// <param name="endPoint">The address and port to listen on.</param>
    /// <param name="format">The wire format.</param>
    /// <param name="options">The source settings.</param>
    public TcpSampleSource(string description, IPEndPoint endPoint, FrameFormat format, SourceOptions options)
        : base(description, endPoint, format, options)
    {
    }

    /// <summary>Clients connected now.</summary>
    public int ClientCount
    {
        get
        {
            lock (_clientsGate)
            {
                return _clients.Count;
            }
        }
    }

    /// <inheritdoc/>
    protected override Socket CreateSocket(AddressFamily family) => new(family, SocketType.Stream, ProtocolType.Tcp);

    /// <inheritdoc/>
    protected override void Bind(Socket socket, IPEndPoint endPoint)
    {
        socket.Bind(endPoint);
        socket.Listen(16);
    }

    /// <inheritdoc/>
    protected override ValueTask<Socket> WaitAsync(Socket socket, CancellationToken stop) => socket.AcceptAsync(stop);

    /// <inheritdoc/>
    protected override void Take(Socket arrival, CancellationToken stop)
    {
        Track(RunClientAsync(arrival, stop));
        Statistics.AddConnection();
    }

    /// <inheritdoc/>
    protected override async Task DrainAsync()
    {
        Task[] clients;
        lock (_clientsGate)
        {
            clients = [.. _clients];
        }

        await Task.WhenAll(clients).ConfigureAwait(false);
    }

    private void Track(Task client)
    {
        lock (_clientsGate)
        {
            _clients.Add(client);
        }

        client.ContinueWith(
            static (done, state) =>
            {
                var source = (TcpSampleSource)state!;
                lock (source._clientsGate)
                {
                    source._clients.Remove(done);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
