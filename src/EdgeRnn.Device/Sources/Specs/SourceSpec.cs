using System.Net;
using EdgeRnn.Device.Sources.Network;
using EdgeRnn.Device.Sources.Simulation;

namespace EdgeRnn.Device.Sources.Specs;

/// <summary>
/// A parsed <c>--source</c> value. <see cref="Parse"/> accepts <c>csv:&lt;path&gt;</c>, <c>stdin</c>,
/// <c>tcp://host:port[?format=csv|binary|auto]</c>, <c>udp://host:port[?format=...]</c>, <c>sim:pump[?...]</c>,
/// <c>i2c:&lt;bus&gt;:&lt;address&gt;:&lt;driver&gt;</c> and <c>iio:&lt;device&gt;</c>.
/// </summary>
/// <param name="Text">The text it was parsed from.</param>
internal abstract partial record SourceSpec(string Text);

/// <summary><c>csv:&lt;path&gt;</c>: replay a recording.</summary>
/// <param name="Text">The spec text.</param>
/// <param name="Path">The file path.</param>
internal sealed record CsvFileSourceSpec(string Text, string Path) : SourceSpec(Text);

/// <summary><c>stdin</c>: CSV lines piped in by another program.</summary>
/// <param name="Text">The spec text.</param>
internal sealed record StdinSourceSpec(string Text) : SourceSpec(Text);

/// <summary><c>tcp://host:port</c>: listen for clients sending CSV lines or binary frames.</summary>
/// <param name="Text">The spec text.</param>
/// <param name="EndPoint">The address and port to listen on (port 0: any free port).</param>
/// <param name="Format">The wire format.</param>
internal sealed record TcpSourceSpec(string Text, IPEndPoint EndPoint, FrameFormat Format) : SourceSpec(Text);

/// <summary><c>udp://host:port</c>: datagrams of CSV lines or binary frames.</summary>
/// <param name="Text">The spec text.</param>
/// <param name="EndPoint">The address and port to bind (port 0: any free port).</param>
/// <param name="Format">The wire format.</param>
internal sealed record UdpSourceSpec(string Text, IPEndPoint EndPoint, FrameFormat Format) : SourceSpec(Text);

/// <summary><c>sim:&lt;profile&gt;</c>: a deterministic simulated sensor.</summary>
/// <param name="Text">The spec text.</param>
/// <param name="Profile">The profile name ("pump").</param>
/// <param name="Settings">Seed, rate, count, speed and faults.</param>
internal sealed record SimSourceSpec(string Text, string Profile, PumpSettings Settings) : SourceSpec(Text);

/// <summary><c>i2c:&lt;bus&gt;:&lt;address&gt;:&lt;driver&gt;</c>: a sensor on Linux i2c-dev (opened by the Sensors code).</summary>
/// <param name="Text">The spec text.</param>
/// <param name="Bus">The bus number N of /dev/i2c-N.</param>
/// <param name="Address">The 7-bit device address, 0x03..0x77.</param>
/// <param name="Driver">The driver, one of <see cref="SensorFactory.I2cDrivers"/>.</param>
internal sealed record I2cSourceSpec(string Text, int Bus, int Address, string Driver) : SourceSpec(Text);

/// <summary><c>iio:&lt;device&gt;</c>: Linux Industrial I/O channels through sysfs (opened by the Sensors code).</summary>
/// <param name="Text">The spec text.</param>
/// <param name="Device">The device: a sysfs name such as "iio:device0" or the device's name attribute.</param>
internal sealed record IioSourceSpec(string Text, string Device) : SourceSpec(Text);
