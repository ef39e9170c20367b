using System.Buffers;
using System.Net;
using System.Net.Sockets;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Sources.Network;

/// <summary>
/// <c>udp://host:port</c>: one socket; each datagram holds one or more whole CSV lines or binary frames (a datagram is
/// parsed as complete: a last line needs no newline, a cut-off frame is counted as truncated). With the auto format each
/// datagram's first byte picks the parser. Samples go into a bounded <see cref="SampleQueue"/> that drops the oldest when
/// the reader falls behind. A socket error re-binds after an exponential back-off. Never ends by itself.
/// </summary>
internal sealed class UdpSampleSource : ISampleSource
{
    private const int MaxDatagram = 65536;

    private readonly IPEndPoint _endPoint;
    private readonly FrameFormat _format;
    private readonly SourceOptions _options;
    private readonly SampleQueue _queue;
    private readonly ChannelGate _channels;
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _datagram = new byte[MaxDatagram];
    private readonly IFrameParser _csv;
    private readonly IFrameParser _binary;
    private Socket? _socket;
    private Task? _receiveLoop;

    /// <summary>Creates a source bound to <paramref name="endPoint"/> (port 0: any free port).</summary>
    /// <param name="description">The spec, for logs.</param>
    /// <param name="endPoint">The address and port to receive on.</param>
    /// <param name="format">The wire format.</param>
    /// <param name="options">The source settings.</param>
    public UdpSampleSource(string description, IPEndPoint endPoint, FrameFormat format, SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Description = description;
        _endPoint = endPoint;
        _format = format;
        _options = options;
        _queue = new SampleQueue(options.QueueCapacity, options.Capacity, Statistics);
        _channels = new ChannelGate(options.ExpectedChannels, Statistics.Frames);
        _csv = NetworkParsers.Create(FrameFormat.Csv, options, Statistics.Frames);
        _binary = NetworkParsers.Create(FrameFormat.Binary, options, Statistics.Frames);
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

    /// <inheritdoc/>
    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (_receiveLoop is not null)
        {
            throw new InvalidOperationException($"Expected {Description} to be started once; found a second start.");
        }

        TryBind();
        _receiveLoop = ReceiveLoopAsync(_stop.Token);
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
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }

        _queue.Complete();
        _stop.Dispose();
    }

    private bool TryBind()
    {
        var socket = new Socket(_endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.ReceiveBufferSize = 1 << 20;
            socket.Bind(_endPoint);
            _socket = socket;
            return true;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return false;
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken stop)
    {
        await Task.Yield();
        var sample = new SampleBuffer(_options.Capacity);
        TimeSpan delay = _options.ReconnectDelay;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (_socket is null && !TryBind())
                {
                    throw new SocketException((int)SocketError.AddressAlreadyInUse);
                }

                int received = await _socket!.ReceiveAsync(_datagram, SocketFlags.None, stop).ConfigureAwait(false);
                delay = _options.ReconnectDelay;
                ParseDatagram(received, sample);
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
                try
                {
                    await Task.Delay(delay, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }
        }
    }

    private void ParseDatagram(int length, SampleBuffer sample)
    {
        if (length == 0)
        {
            return;
        }

        IFrameParser parser = _format switch
        {
            FrameFormat.Csv => _csv,
            FrameFormat.Binary => _binary,
            _ => _datagram[0] == BinaryFrame.Magic0 ? _binary : _csv,
        };
        var buffer = new ReadOnlySequence<byte>(_datagram, 0, length);
        while (parser.TryReadSample(ref buffer, isCompleted: true, sample))
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
}
