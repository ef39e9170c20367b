using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;

namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>Gives MQTTnet's client a <see cref="PlainTcpChannel"/> to the broker, in place of MQTTnet's channels (TCP with
/// TLS, WebSocket).</summary>
/// <param name="host">The broker's host name or address.</param>
/// <param name="port">Its port.</param>
internal sealed class TcpClientAdapterFactory(string host, int port) : IMqttClientAdapterFactory
{
    /// <inheritdoc/>
    public IMqttChannelAdapter CreateClientAdapter(MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var formatter = new MqttPacketFormatterAdapter(options.ProtocolVersion, new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
        return new MqttChannelAdapter(new PlainTcpChannel(host, port), formatter, logger)
        {
            AllowPacketFragmentation = options.AllowPacketFragmentation,
            PacketInspector = packetInspector,
        };
    }
}
