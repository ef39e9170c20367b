using System.Net;
using System.Net.Sockets;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Sources.Network;

/// <summary>
/// The lifecycle TCP and UDP sources share: a socket bound at start, one loop that waits for the next arrival on it (a client,
/// a datagram) and hands it to the kind, and a socket that fails bound again after an exponential back-off from
/// <see cref="SourceOptions.ReconnectDelay"/> to <see cref="SourceOptions.MaxReconnectDelay"/> (counted in
/// <see cref="SourceStatistics.Reconnects"/>). Samples pass one <see cref="ChannelGate"/>, are stamped on arrival when they
/// carry no time, and go into one bounded <see cref="SampleQueue"/> that drops the oldest when the reader falls behind.
/// Never ends by itself: <see cref="ReadAsync"/> waits until cancelled or disposed.
/// </summary>
/// <typeparam name="TArrival">What one wait on the socket gives: an accepted client's socket, a datagram's length.</typeparam>
internal abstract class NetworkSampleSource<TArrival> : ISampleSource
{
    private readonly IPEndPoint _endPoint;
    private readonly SampleQueue _queue;
    private readonly ChannelGate _channels;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _socket;
    private Task? _loop;

    /// <summary>Creates a source on <paramref name="endPoint"/> (port 0: any free port).</summary>
    /// <param name="description">The spec, for logs.</param>
    /// <param name="endPoint">The address and port to bind.</param>
    /// <param name="format">The wire format.</param>
    /// <param name="options">The source settings.</param>
    protected NetworkSampleSource(string description, IPEndPoint endPoint, FrameFormat format, SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Description = description;
        _endPoint = endPoint;
        Format = format;
        Options = options;
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

    /// <summary>The bound address and port (the chosen port when the spec said 0), or null while not bound.</summary>
    public IPEndPoint? LocalEndPoint => _socket?.LocalEndPoint as IPEndPoint;

    /// <summary>The wire format.</summary>
    protected FrameFormat Format { get; }

    /// <summary>The source settings.</summary>
    protected SourceOptions Options { get; }

    /// <inheritdoc/>
    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException($"Expected {Description} to be started once; found a second start.");
        }

        TryBind();
        _loop = RunAsync(_stop.Token);
        return default;
    }

    /// <inheritdoc/>
    public ValueTask<bool> ReadAsync(SampleBuffer sample, CancellationToken cancellationToken) =>
        _queue.ReadAsync(sample, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        await DrainAsync().ConfigureAwait(false);
        _queue.Complete();
        _stop.Dispose();
    }

    /// <summary>A new, unbound socket of the kind's type.</summary>
    /// <param name="family">The end point's address family.</param>
    /// <returns>The socket.</returns>
    protected abstract Socket CreateSocket(AddressFamily family);

    /// <summary>Binds <paramref name="socket"/> (and listens, for TCP).</summary>
    /// <param name="socket">A socket from <see cref="CreateSocket"/>.</param>
    /// <param name="endPoint">The address and port.</param>
    /// <exception cref="SocketException">The address is taken or not available.</exception>
    protected abstract void Bind(Socket socket, IPEndPoint endPoint);

    /// <summary>Waits for the next arrival on the bound socket.</summary>
    /// <param name="socket">The bound socket.</param>
    /// <param name="stop">Cancelled when the source is disposed.</param>
    /// <returns>The arrival.</returns>
    /// <exception cref="SocketException">The socket failed; it is bound again after a back-off.</exception>
    protected abstract ValueTask<TArrival> WaitAsync(Socket socket, CancellationToken stop);

    /// <summary>Handles one arrival: starts a client, parses a datagram. Must not wait.</summary>
    /// <param name="arrival">What <see cref="WaitAsync"/> gave.</param>
    /// <param name="stop">Cancelled when the source is disposed.</param>
    protected abstract void Take(TArrival arrival, CancellationToken stop);

    /// <summary>On dispose, after the loop ended and before the queue completes: waits for work still running.</summary>
    /// <returns>A task that completes when that work has ended.</returns>
    protected virtual Task DrainAsync() => Task.CompletedTask;

    /// <summary>Passes a parsed sample through the channel gate, stamps it when it carries no time, and queues a copy.</summary>
    /// <param name="sample">The parsed sample; not kept.</param>
    /// <param name="parser">The parser that read it (for its channel names).</param>
    protected void Deliver(SampleBuffer sample, IFrameParser parser)
    {
        if (!_channels.Admit(sample, parser.ChannelNames))
        {
            return;
        }

        if (!sample.HasTimestamp)
        {
            sample.TimestampMicroseconds = UnixClock.NowMicroseconds();
        }

        _queue.Write(sample);
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

    private bool TryBind()
    {
        Socket socket = CreateSocket(_endPoint.AddressFamily);
        try
        {
            Bind(socket, _endPoint);
            _socket = socket;
            return true;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return false;
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        // Off the caller's thread: arrivals already waiting would otherwise be handled inside StartAsync.
        await Task.Yield();
        TimeSpan delay = Options.ReconnectDelay;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (_socket is null && !TryBind())
                {
                    throw new SocketException((int)SocketError.AddressAlreadyInUse);
                }

                TArrival arrival = await WaitAsync(_socket!, stop).ConfigureAwait(false);
                delay = Options.ReconnectDelay;
                Take(arrival, stop);
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

                _socket?.Dispose();
                _socket = null;
                Statistics.AddReconnect();
                if (!await BackOffAsync(delay, stop).ConfigureAwait(false))
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Options.MaxReconnectDelay.Ticks));
            }
        }
    }
}
