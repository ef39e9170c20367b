using System.Net;
using System.Net.Sockets;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Sources.Network;

/// <summary>
/// <c>tcp://host:port</c>: listens and accepts any number of clients at once; each client's bytes go through its own
/// <see cref="System.IO.Pipelines.Pipe"/> (bounded by pause/resume thresholds) and its own parser (CSV, binary, or chosen by
/// the first byte), and all samples merge into one bounded <see cref="SampleQueue"/>. A client that disconnects is counted
/// and the others go on; a listener that fails is opened again after an exponential back-off (counted as a reconnect).
/// Never ends by itself: <see cref="ReadAsync"/> waits until cancelled or disposed.
/// </summary>
internal sealed partial class TcpSampleSource : ISampleSource
{
    private readonly IPEndPoint _endPoint;
    private readonly FrameFormat _format;
    private readonly SourceOptions _options;
    private readonly SampleQueue _queue;
    private readonly ChannelGate _channels;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _clientsGate = new();
    private readonly HashSet<Task> _clients = [];
    private Socket? _listener;
    private Task? _acceptLoop;

    /// <summary>Creates a source listening on <paramref name="endPoint"/> (port 0: any free port).</summary>
    /// <param name="description">The spec, for logs.</param>
    /// <param name="endPoint">The address and port to listen on.</param>
    /// <param name="format">The wire format.</param>
    /// <param name="options">The source settings.</param>
    public TcpSampleSource(string description, IPEndPoint endPoint, FrameFormat format, SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Description = description;
        _endPoint = endPoint;
        _format = format;
        _options = options;
        _queue = new SampleQueue(options.QueueCapacity, options.Capacity, Statistics);
        _channels = new ChannelGate(options.ExpectedChannels, Statistics.Frames);
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public int ChannelCount => _channels.Count;

    /// <inheritdoc/>
    public IReadOnlyList<string> ChannelNames => _channels.Names;

    /// <inheritdoc/>
    public SourceStatistics Statistics { get; } = new();

    /// <summary>The address and port listened on (the chosen port when the spec said 0), or null while not listening.</summary>
    public IPEndPoint? LocalEndPoint => _listener?.LocalEndPoint as IPEndPoint;

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
    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (_acceptLoop is not null)
        {
            throw new InvalidOperationException($"Expected {Description} to be started once; found a second start.");
        }

        TryListen();
        _acceptLoop = AcceptLoopAsync(_stop.Token);
        return default;
    }

    /// <inheritdoc/>
    public ValueTask<bool> ReadAsync(SampleBuffer sample, CancellationToken cancellationToken) =>
        _queue.ReadAsync(sample, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        Task[] clients;
        lock (_clientsGate)
        {
            clients = [.. _clients];
        }

        await Task.WhenAll(clients).ConfigureAwait(false);
        _queue.Complete();
        _stop.Dispose();
    }

    private bool TryListen()
    {
        var listener = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(_endPoint);
            listener.Listen(16);
            _listener = listener;
            return true;
        }
        catch (SocketException)
        {
            listener.Dispose();
            return false;
        }
    }

    private async Task AcceptLoopAsync(CancellationToken stop)
    {
        TimeSpan delay = _options.ReconnectDelay;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (_listener is null && !TryListen())
                {
                    throw new SocketException((int)SocketError.AddressAlreadyInUse);
                }

                Socket client = await _listener!.AcceptAsync(stop).ConfigureAwait(false);
                delay = _options.ReconnectDelay;
                Track(RunClientAsync(client, stop));
                Statistics.AddConnection();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                _listener?.Dispose();
                _listener = null;
                Statistics.AddReconnect();
                if (!await BackOffAsync(delay, stop).ConfigureAwait(false))
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }
        }
    }

    private static async Task<bool> BackOffAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
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
