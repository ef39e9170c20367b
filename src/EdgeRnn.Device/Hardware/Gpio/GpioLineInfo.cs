namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>What the kernel says about one GPIO line.</summary>
/// <param name="Offset">Line number on its chip.</param>
/// <param name="Name">The line's name (for example <c>ALARM</c>, or <c>GPIO17</c> on a Raspberry Pi); empty when unnamed.</param>
/// <param name="Consumer">Who holds the line; empty when free.</param>
/// <param name="IsUsed">True when the line is held (by the kernel or a consumer).</param>
/// <param name="IsOutput">True when configured as an output.</param>
/// <param name="IsActiveLow">True when configured active-low.</param>
internal readonly record struct GpioLineInfo(int Offset, string Name, string Consumer, bool IsUsed, bool IsOutput, bool IsActiveLow);
