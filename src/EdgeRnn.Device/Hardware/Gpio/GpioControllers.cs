using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Globalization;
using System.Runtime.InteropServices;

namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>Opens a System.Device.Gpio <see cref="GpioController"/> for the chip a <c>gpio:</c> spec names, and finds the
/// line.</summary>
/// <remarks>
/// Which driver runs where:
/// <list type="bullet">
/// <item>On a Raspberry Pi, for the header's chip (label <c>pinctrl-bcm2835</c>, <c>pinctrl-bcm2711</c> or
/// <c>pinctrl-rp1</c>): <c>new GpioController()</c>, System.Device.Gpio's own choice (its register driver on a Pi 3/4/Zero 2,
/// libgpiod on the RP1 of a Pi 5). Pin numbers there are BCM GPIO numbers, which are the chip's line offsets.</item>
/// <item>Any other chip or machine: libgpiod on that chip number: <see cref="LibGpiodDriver"/> (the libgpiod 1.x API,
/// <c>libgpiod.so.2</c>, Debian 12 and Raspberry Pi OS bookworm's package <c>libgpiod2</c>) or, where only libgpiod 2.x
/// (<c>libgpiod.so.3</c>) is installed, <see cref="LibGpiodV2Driver"/>.</item>
/// </list>
/// A line name is looked up in the kernel's line info (<see cref="GpioChip"/>); System.Device.Gpio takes offsets only.
/// Active-low is applied by <see cref="GpioOutputLine"/>, as System.Device.Gpio has no per-line polarity.
/// </remarks>
internal static class GpioControllers
{
    private static readonly string[] RaspberryPiHeaderChips = ["pinctrl-bcm2835", "pinctrl-bcm2711", "pinctrl-rp1"];

    /// <summary>Opens a controller for the spec's chip and resolves its line.</summary>
    /// <param name="spec">The parsed spec.</param>
    /// <param name="pinNumber">The line offset on that chip.</param>
    /// <param name="driver">Which driver was chosen, for logs (for example <c>LibGpiodDriver on gpiochip0 (rig-gpio)</c>).</param>
    /// <returns>The controller; the caller disposes it.</returns>
    /// <exception cref="IOException">The chip cannot be opened, the line does not exist, or libgpiod is not installed.</exception>
    public static GpioController Open(GpioLineSpec spec, out int pinNumber, out string driver)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int chipNumber = ChipNumber(spec.ChipPath);
        string label;
        using (var chip = new GpioChip(spec.ChipPath))
        {
            label = chip.ChipLabel;
            pinNumber = spec.LineNumber;
            if (spec.LineName is not null && !chip.TryFindLine(spec.LineName, out pinNumber))
            {
                throw new IOException(
                    $"no GPIO line named '{spec.LineName}' on {spec.ChipPath} ({chip.ChipLabel}, {chip.PinCount} lines)");
            }

            if (pinNumber >= chip.PinCount)
            {
                throw new IOException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{spec.ChipPath} ({chip.ChipLabel}) has lines 0..{chip.PinCount - 1}, not {pinNumber}"));
            }
        }

        if (IsRaspberryPi() && RaspberryPiHeaderChips.Contains(label))
        {
            var board = new GpioController();
            driver = $"System.Device.Gpio's choice for this Raspberry Pi on gpiochip{chipNumber} ({label})";
            return board;
        }

        GpioDriver libgpiod = OpenLibGpiod(chipNumber);
        driver = $"{libgpiod.GetType().Name} on gpiochip{chipNumber} ({label})";
        return new GpioController(libgpiod);
    }

    /// <summary>The chip number N of <c>/dev/gpiochipN</c> (a symbolic link is followed).</summary>
    /// <param name="chipPath">The chip's device file.</param>
    /// <returns>N.</returns>
    /// <exception cref="IOException">The path does not name a gpiochipN device.</exception>
    public static int ChipNumber(string chipPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(chipPath);
        string name = Path.GetFileName(chipPath);
        if (!name.StartsWith("gpiochip", StringComparison.Ordinal) && File.Exists(chipPath))
        {
            name = Path.GetFileName(File.ResolveLinkTarget(chipPath, returnFinalTarget: true)?.FullName ?? chipPath);
        }

        if (name.StartsWith("gpiochip", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan("gpiochip".Length), NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            return number;
        }

        throw new IOException($"expected a GPIO chip device such as /dev/gpiochip0, got '{chipPath}' (System.Device.Gpio opens chips by number)");
    }

    private static GpioDriver OpenLibGpiod(int chipNumber)
    {
        if (NativeLibrary.TryLoad("libgpiod.so.2", out IntPtr v1))
        {
            NativeLibrary.Free(v1);
            return new LibGpiodDriver(chipNumber);
        }

        if (NativeLibrary.TryLoad("libgpiod.so.3", out IntPtr v2))
        {
            NativeLibrary.Free(v2);
            return new LibGpiodV2Driver(chipNumber);
        }

        throw new IOException(
            "GPIO needs libgpiod (libgpiod.so.2 or libgpiod.so.3), which is not installed: on Debian 12 or Raspberry Pi OS, apt-get install libgpiod2");
    }

    private static bool IsRaspberryPi()
    {
        const string Model = "/proc/device-tree/model";
        try
        {
            return File.Exists(Model) && File.ReadAllText(Model).StartsWith("Raspberry Pi", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
