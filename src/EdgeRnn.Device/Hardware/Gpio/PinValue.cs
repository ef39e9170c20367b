namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>The logical value of a GPIO line (dotnet/iot's <c>PinValue</c>); on an active-low line
/// <see cref="High"/> (active) is a low voltage.</summary>
internal enum PinValue
{
    /// <summary>Inactive (logical 0).</summary>
    Low = 0,

    /// <summary>Active (logical 1).</summary>
    High = 1,
}
