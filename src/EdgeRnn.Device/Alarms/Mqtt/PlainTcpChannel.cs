using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>
/// MQTT's byte stream over a plain TCP socket (no TLS), for MQTTnet's client. MQTTnet's own TCP channel also carries TLS,
/// and through it .NET's TLS and certificate stack would be compiled into the NativeAOT binary, which EdgeRnn does not use.
/// </summary>
internal sealed class PlainTcpChannel : IMqttChannel
{
    private readonly string _host;
    private readonly int _port;
    private Socket? _socket;
    private NetworkStream? _stream;

    /// <summary>Creates a channel, not yet connected.</summary>
    /// <param name="host">The broker's host name or address.</param>
    /// <param name="port">Its port.</param>
    public PlainTcpChannel(string host, int port)
    {
        _host = host;
        _port = port;
    }

    /// <inheritdoc/>
    public X509Certificate2 ClientCertificate => null!;

    /// <inheritdoc/>
    public EndPoint RemoteEndPoint => _socket?.RemoteEndPoint!;

    /// <inheritdoc/>
    public EndPoint LocalEndPoint => _socket?.LocalEndPoint!;

    /// <inheritdoc/>
    public bool IsSecureConnection => false;

    /// <inheritdoc/>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        // Dual mode where the system has IPv6: the host's IPv4 and IPv6 addresses are tried in turn.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_host, _port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    /// <inheritdoc/>
    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Stream.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public async Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        NetworkStream stream = Stream;
        foreach (ReadOnlyMemory<byte> segment in buffer)
        {
            await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stream?.Dispose();
        _socket?.Dispose();
    }

    private NetworkStream Stream => _stream ?? throw new InvalidOperationException("Expected a connected channel; it is not connected.");
}
