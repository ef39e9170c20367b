using System.Device.Gpio;
using System.Globalization;

namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>One output line held for as long as this object lives, such as an alarm lamp or relay: starts inactive, is set
/// active or inactive, and on <see cref="Dispose"/> is driven inactive and released.</summary>
/// <remarks>Driven through a System.Device.Gpio <see cref="GpioController"/>; active-low is applied here (active = a low
/// level), since System.Device.Gpio has no per-line polarity.</remarks>
internal sealed class GpioOutputLine : IDisposable
{
    private readonly GpioController _controller;
    private readonly bool _shouldDispose;
    private readonly bool _activeLow;
    private bool _disposed;

    /// <summary>Holds a line of a controller as an output, starting inactive.</summary>
    /// <param name="controller">The controller.</param>
    /// <param name="pinNumber">The line (the controller's pin number).</param>
    /// <param name="activeLow">True when active means a low level.</param>
    /// <param name="shouldDispose">True to dispose the controller with the line.</param>
    /// <param name="description">What the line is, for logs; default <c>line N</c>.</param>
    /// <exception cref="InvalidOperationException">The controller already has that line open.</exception>
    /// <exception cref="IOException">The driver refused the line (for example it is busy).</exception>
    public GpioOutputLine(GpioController controller, int pinNumber, bool activeLow, bool shouldDispose, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        if (controller.IsPinOpen(pinNumber))
        {
            // System.Device.Gpio would hand the open pin over again; two holders of one line is a wiring mistake.
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"line {pinNumber} is already open on this controller"));
        }

        controller.OpenPin(pinNumber, PinMode.Output, Level(active: false, activeLow));
        _controller = controller;
        _shouldDispose = shouldDispose;
        _activeLow = activeLow;
        PinNumber = pinNumber;
        Description = description ?? string.Create(CultureInfo.InvariantCulture, $"line {pinNumber}");
    }

    /// <summary>The line offset.</summary>
    public int PinNumber { get; }

    /// <summary>What the line is, for logs (for example <c>/dev/gpiochip0 line ALARM (active-low), LibGpiodDriver …</c>).</summary>
    public string Description { get; }

    /// <summary>The value last driven.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Opens the line a spec names (see <see cref="GpioControllers"/> for the driver choice).</summary>
    /// <param name="spec">The parsed <c>gpio:</c> spec.</param>
    /// <returns>The held line, inactive.</returns>
    /// <exception cref="IOException">The chip cannot be opened, the named line does not exist, the line is busy, or
    /// libgpiod is missing.</exception>
    public static GpioOutputLine Open(GpioLineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        GpioController controller = GpioControllers.Open(spec, out int pin, out string driver);
        try
        {
            return new GpioOutputLine(controller, pin, spec.ActiveLow, shouldDispose: true, $"{spec}, {driver}");
        }
        catch (Exception exception) when (exception is not IOException)
        {
            controller.Dispose();
            throw new IOException($"cannot hold {spec} as an output ({driver}): {exception.Message}", exception);
        }
        catch
        {
            controller.Dispose();
            throw;
        }
    }

    /// <summary>Drives the line.</summary>
    /// <param name="active">True for active (high, or low when active-low).</param>
    /// <exception cref="IOException">The driver call failed.</exception>
    public void Set(bool active)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _controller.Write(PinNumber, Level(active, _activeLow));
        IsActive = active;
    }

    /// <summary>Drives the line inactive and releases it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _controller.Write(PinNumber, Level(active: false, _activeLow));
        }
        catch (IOException)
        {
            // Releasing matters more than the last write; the kernel keeps the line's state either way.
        }

        _controller.ClosePin(PinNumber);
        if (_shouldDispose)
        {
            _controller.Dispose();
        }
    }

    private static PinValue Level(bool active, bool activeLow) => active != activeLow ? PinValue.High : PinValue.Low;
}
