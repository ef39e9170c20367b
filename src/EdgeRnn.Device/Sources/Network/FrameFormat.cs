namespace EdgeRnn.Device.Sources.Network;

/// <summary>The wire format of a network source.</summary>
internal enum FrameFormat
{
    /// <summary>Decided per connection (TCP) or per datagram (UDP) by the first byte: the binary magic or CSV text.</summary>
    Auto,

    /// <summary>CSV lines.</summary>
    Csv,

    /// <summary>Binary frames (Framing/README.md).</summary>
    Binary,
}
