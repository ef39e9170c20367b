namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>Edge kinds to wait for (dotnet/iot's <c>PinEventTypes</c>), in logical terms: on an active-low line a
/// rising edge is the voltage going low.</summary>
[Flags]
internal enum PinEventTypes
{
    /// <summary>No event.</summary>
    None = 0,

    /// <summary>The logical value went from low to high.</summary>
    Rising = 1,

    /// <summary>The logical value went from high to low.</summary>
    Falling = 2,
}
