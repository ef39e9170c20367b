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
internal sealed class UdpSampleSource : NetworkSampleSource<int>
{
    private const int MaxDatagram = 65536;

    private readonly byte[] _datagram = new byte[MaxDatagram];
    private readonly SampleBuffer _sample;
    private readonly IFrameParser _csv;
    private readonly IFrameParser _binary;

    /// <summary>Creates a source bound to <paramref name="endPoint"/> (port 0: any free port).</summary>
    /// <param name="description">The spec, for logs.</param>
    /// <param name="endPoint">The address and port to receive on.</param>
    /// <param name="format">The wire format.</param>
    /// <param name="options">The source settings.</param>
    public UdpSampleSource(string description, IPEndPoint endPoint, FrameFormat format, SourceOptions options)
        : base(description, endPoint, format, options)
    {
        _sample = new SampleBuffer(options.Capacity);
        _csv = NetworkParsers.Create(FrameFormat.Csv, options, Statistics.Frames);
        _binary = NetworkParsers.Create(FrameFormat.Binary, options, Statistics.Frames);
    }

    /// <inheritdoc/>
    protected override Socket CreateSocket(AddressFamily family) => new(family, SocketType.Dgram, ProtocolType.Udp);

    /// <inheritdoc/>
    protected override void Bind(Socket socket, IPEndPoint endPoint)
    {
        socket.ReceiveBufferSize = 1 << 20;
        socket.Bind(endPoint);
    }

    /// <inheritdoc/>
    protected override ValueTask<int> WaitAsync(Socket socket, CancellationToken stop) =>
        socket.ReceiveAsync(_datagram, SocketFlags.None, stop);

    /// <inheritdoc/>
    protected override void Take(int arrival, CancellationToken stop)
    {
        if (arrival == 0)
        {
            return;
        }

        IFrameParser parser = Format switch
        {
            FrameFormat.Csv => _csv,
            FrameFormat.Binary => _binary,
            _ => _datagram[0] == BinaryFrame.Magic0 ? _binary : _csv,
        };
        var buffer = new ReadOnlySequence<byte>(_datagram, 0, arrival);
        while (parser.TryReadSample(ref buffer, isCompleted: true, _sample))
        {
            Deliver(_sample, parser);
        }
    }
}
