namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>GPIO lines of one controller, shaped like dotnet/iot's <c>System.Device.Gpio.GpioController</c> (pin numbers
/// are line offsets on the chip).</summary>
/// <remarks>Not thread-safe. Disposing releases every open line.</remarks>
internal abstract class GpioController : IDisposable
{
    /// <summary>Number of lines; valid pin numbers are 0..PinCount-1.</summary>
    public abstract int PinCount { get; }

    /// <summary>Opens a line with active-high polarity.</summary>
    /// <param name="pinNumber">Line offset, 0..<see cref="PinCount"/>-1.</param>
    /// <param name="mode">Input or output.</param>
    /// <exception cref="ArgumentOutOfRangeException">The pin number is outside the chip.</exception>
    /// <exception cref="InvalidOperationException">The pin is already open.</exception>
    /// <exception cref="IOException">The kernel refused the line (for example it is busy).</exception>
    public void OpenPin(int pinNumber, PinMode mode) => OpenPin(pinNumber, mode, activeLow: false);

    /// <summary>Opens a line; an output starts at <see cref="PinValue.Low"/> (inactive).</summary>
    /// <param name="pinNumber">Line offset, 0..<see cref="PinCount"/>-1.</param>
    /// <param name="mode">Input or output.</param>
    /// <param name="activeLow">True for active-low: logical <see cref="PinValue.High"/> drives a low voltage.</param>
    /// <exception cref="ArgumentOutOfRangeException">The pin number is outside the chip.</exception>
    /// <exception cref="InvalidOperationException">The pin is already open.</exception>
    /// <exception cref="IOException">The kernel refused the line (for example it is busy).</exception>
    public abstract void OpenPin(int pinNumber, PinMode mode, bool activeLow);

    /// <summary>True when the pin was opened by this controller and not closed.</summary>
    /// <param name="pinNumber">Line offset.</param>
    /// <returns>Whether it is open.</returns>
    public abstract bool IsPinOpen(int pinNumber);

    /// <summary>Releases a line.</summary>
    /// <param name="pinNumber">Line offset of an open pin.</param>
    /// <exception cref="InvalidOperationException">The pin is not open.</exception>
    public abstract void ClosePin(int pinNumber);

    /// <summary>Reads a line's logical value.</summary>
    /// <param name="pinNumber">Line offset of an open pin.</param>
    /// <returns>The logical value.</returns>
    /// <exception cref="InvalidOperationException">The pin is not open.</exception>
    /// <exception cref="IOException">The kernel call failed.</exception>
    public abstract PinValue Read(int pinNumber);

    /// <summary>Drives an output line.</summary>
    /// <param name="pinNumber">Line offset of a pin open as <see cref="PinMode.Output"/>.</param>
    /// <param name="value">The logical value.</param>
    /// <exception cref="InvalidOperationException">The pin is not open as an output.</exception>
    /// <exception cref="IOException">The kernel call failed.</exception>
    public abstract void Write(int pinNumber, PinValue value);

    /// <summary>Waits for the next edge of an input line; edges are queued by the kernel from the moment the pin was opened,
    /// so one that happened before this call is returned at once.</summary>
    /// <param name="pinNumber">Line offset of a pin open as an input.</param>
    /// <param name="eventTypes">The edges to wait for; others are consumed and skipped.</param>
    /// <param name="timeout">How long to wait at most; <see cref="TimeSpan.Zero"/> only checks the queue.</param>
    /// <returns>The edge, or a result with <see cref="WaitForEventResult.TimedOut"/> set.</returns>
    /// <exception cref="InvalidOperationException">The pin is not open as an input.</exception>
    /// <exception cref="IOException">The kernel call failed.</exception>
    public abstract WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, TimeSpan timeout);

    /// <summary>Releases every open line and the controller.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>, false from a finalizer.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}
