namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>What <see cref="GpioController.WaitForEvent"/> saw (dotnet/iot's <c>WaitForEventResult</c>).</summary>
/// <param name="EventTypes">The edge that happened; <see cref="PinEventTypes.None"/> on a timeout.</param>
/// <param name="TimedOut">True when no matching edge came before the timeout.</param>
/// <param name="TimestampNanoseconds">The kernel's timestamp of the edge (CLOCK_MONOTONIC, ns); 0 on a timeout.</param>
internal readonly record struct WaitForEventResult(PinEventTypes EventTypes, bool TimedOut, ulong TimestampNanoseconds);
