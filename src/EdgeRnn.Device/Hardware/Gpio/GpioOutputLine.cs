using System.Globalization;

namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>One output line held for as long as this object lives, such as an alarm lamp or relay: starts inactive, is set
/// active or inactive, and on <see cref="Dispose"/> is driven inactive and released to the kernel.</summary>
internal sealed class GpioOutputLine : IDisposable
{
    private readonly GpioController _controller;
    private readonly bool _ownsController;
    private bool _disposed;

    /// <summary>Holds a line of a controller as an output, starting inactive.</summary>
    /// <param name="controller">The controller.</param>
    /// <param name="pinNumber">Line offset.</param>
    /// <param name="activeLow">True when active means a low voltage.</param>
    /// <param name="ownsController">True to dispose the controller with the line.</param>
    /// <exception cref="IOException">The kernel refused the line.</exception>
    public GpioOutputLine(GpioController controller, int pinNumber, bool activeLow, bool ownsController)
    {
        ArgumentNullException.ThrowIfNull(controller);
        controller.OpenPin(pinNumber, PinMode.Output, activeLow);
        _controller = controller;
        _ownsController = ownsController;
        PinNumber = pinNumber;
        Description = string.Create(CultureInfo.InvariantCulture, $"line {pinNumber}");
    }

    private GpioOutputLine(LinuxGpioController controller, int pinNumber, GpioLineSpec spec)
        : this(controller, pinNumber, spec.ActiveLow, ownsController: true)
    {
        Description = spec.ToString();
    }

    /// <summary>The line offset.</summary>
    public int PinNumber { get; }

    /// <summary>What the line is, for logs (for example <c>/dev/gpiochip0 line ALARM (active-low)</c>).</summary>
    public string Description { get; }

    /// <summary>The value last driven.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Opens the line a spec names on a Linux GPIO chip.</summary>
    /// <param name="spec">The parsed <c>gpio:</c> spec.</param>
    /// <returns>The held line, inactive.</returns>
    /// <exception cref="IOException">The chip cannot be opened, the named line does not exist, or the line is busy.</exception>
    public static GpioOutputLine Open(GpioLineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var controller = new LinuxGpioController(spec.ChipPath);
        try
        {
            int pin = spec.LineNumber;
            if (spec.LineName is not null && !controller.TryFindLine(spec.LineName, out pin))
            {
                throw new IOException(
                    $"no GPIO line named '{spec.LineName}' on {spec.ChipPath} ({controller.ChipLabel}, {controller.PinCount} lines)");
            }

            return new GpioOutputLine(controller, pin, spec);
        }
        catch
        {
            controller.Dispose();
            throw;
        }
    }

    /// <summary>Drives the line.</summary>
    /// <param name="active">True for active (high, or low when active-low).</param>
    /// <exception cref="IOException">The kernel call failed.</exception>
    public void Set(bool active)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _controller.Write(PinNumber, active ? PinValue.High : PinValue.Low);
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
            _controller.Write(PinNumber, PinValue.Low);
        }
        catch (IOException)
        {
            // Releasing matters more than the last write; the kernel keeps the line's state either way.
        }

        _controller.ClosePin(PinNumber);
        if (_ownsController)
        {
            _controller.Dispose();
        }
    }
}
