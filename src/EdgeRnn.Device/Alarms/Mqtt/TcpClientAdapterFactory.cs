using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;

namespace EdgeRnn.Device.Alarms.Mqtt;

/// <summary>
/// Makes MQTTnet's client channels for TCP only. MQTTnet's own factory also makes WebSocket channels, and with them brings
/// .NET's HTTP client stack into the NativeAOT binary; EdgeRnn speaks MQTT over plain TCP and leaves that out.
/// </summary>
internal sealed class TcpClientAdapterFactory : IMqttClientAdapterFactory
{
    /// <inheritdoc/>
    public IMqttChannelAdapter CreateClientAdapter(MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ChannelOptions is not MqttClientTcpOptions)
        {
            throw new NotSupportedException($"Expected MQTT over TCP; found channel options {options.ChannelOptions?.GetType().Name ?? "none"}.");
        }

        var formatter = new MqttPacketFormatterAdapter(options.ProtocolVersion, new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
        return new MqttChannelAdapter(new MqttTcpChannel(options), formatter, logger)
        {
            AllowPacketFragmentation = options.AllowPacketFragmentation,
            PacketInspector = packetInspector,
        };
    }
}
