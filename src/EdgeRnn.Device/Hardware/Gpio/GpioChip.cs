using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using EdgeRnn.Device.Hardware.Native;

namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>What a Linux GPIO chip (<c>/dev/gpiochipN</c>) says about itself and its lines, through the character device's
/// info ioctls: its name, label and line count, and each line's name and holder. Lines are requested and driven through
/// System.Device.Gpio (<see cref="GpioControllers"/>); this only finds a line by name and explains a busy line, which
/// System.Device.Gpio's drivers do not.</summary>
/// <remarks>Errors are <see cref="HardwareIOException"/>s with the errno and the chip path.</remarks>
internal sealed unsafe class GpioChip : IDisposable
{
    private int _chipFd = -1;

    /// <summary>Opens <c>/dev/gpiochipN</c>.</summary>
    /// <param name="chipNumber">N, 0 or more.</param>
    /// <exception cref="HardwareIOException">The chip cannot be opened or queried.</exception>
    public GpioChip(int chipNumber)
        : this(string.Create(CultureInfo.InvariantCulture, $"/dev/gpiochip{chipNumber}"))
    {
    }

    /// <summary>Opens a GPIO chip device file.</summary>
    /// <param name="chipPath">For example <c>/dev/gpiochip0</c>.</param>
    /// <exception cref="HardwareIOException">The chip cannot be opened or queried.</exception>
    public GpioChip(string chipPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(chipPath);
        ChipPath = chipPath;
        _chipFd = LibC.Open(chipPath, LibC.OpenReadWrite | LibC.OpenCloseOnExec);
        if (_chipFd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            string hint = errno == 13 ? "Opening the GPIO chip (is the user in the gpio group?)" : "Opening the GPIO chip";
            throw new HardwareIOException(hint, chipPath, errno);
        }

        GpioChipInfo info = default;
        if (LibC.Ioctl(_chipFd, GpioUapi.GetChipInfo, &info) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            _ = LibC.Close(_chipFd);
            _chipFd = -1;
            throw new HardwareIOException("GPIO_GET_CHIPINFO_IOCTL", chipPath, errno);
        }

        ChipName = CString(new ReadOnlySpan<byte>(info.Name, GpioUapi.MaxNameSize));
        ChipLabel = CString(new ReadOnlySpan<byte>(info.Label, GpioUapi.MaxNameSize));
        PinCount = (int)info.Lines;
    }

    /// <summary>The chip's device file.</summary>
    public string ChipPath { get; }

    /// <summary>The kernel's name of the chip, for example <c>gpiochip0</c>.</summary>
    public string ChipName { get; }

    /// <summary>The chip's label, for example <c>pinctrl-bcm2711</c> or <c>rig-gpio</c>.</summary>
    public string ChipLabel { get; }

    /// <summary>Number of lines; valid offsets are 0..PinCount-1.</summary>
    public int PinCount { get; }

    /// <summary>Describes one line of the chip.</summary>
    /// <param name="pinNumber">Line offset, 0..<see cref="PinCount"/>-1.</param>
    /// <returns>Its name, consumer and configuration.</returns>
    /// <exception cref="HardwareIOException">The kernel call failed.</exception>
    public GpioLineInfo GetLineInfo(int pinNumber)
    {
        ThrowIfDisposed();
        CheckPinNumber(pinNumber);
        GpioV2LineInfo info = default;
        info.Offset = (uint)pinNumber;
        if (LibC.Ioctl(_chipFd, GpioUapi.GetLineInfo, &info) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new HardwareIOException(
                string.Create(CultureInfo.InvariantCulture, $"GPIO_V2_GET_LINEINFO_IOCTL for line {pinNumber}"), ChipPath, errno);
        }

        return new GpioLineInfo(
            pinNumber,
            CString(new ReadOnlySpan<byte>(info.Name, GpioUapi.MaxNameSize)),
            CString(new ReadOnlySpan<byte>(info.Consumer, GpioUapi.MaxNameSize)),
            (info.Flags & GpioV2LineFlags.Used) != 0,
            (info.Flags & GpioV2LineFlags.Output) != 0,
            (info.Flags & GpioV2LineFlags.ActiveLow) != 0);
    }

    /// <summary>Finds a line by its name (for example <c>ALARM</c> or <c>GPIO17</c>).</summary>
    /// <param name="name">The exact line name (case-sensitive, as the device tree spells it).</param>
    /// <param name="pinNumber">The line's offset when found; -1 otherwise.</param>
    /// <returns>True when a line of this chip has that name.</returns>
    /// <exception cref="HardwareIOException">The kernel call failed.</exception>
    public bool TryFindLine(string name, out int pinNumber)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        for (int line = 0; line < PinCount; line++)
        {
            if (string.Equals(GetLineInfo(line).Name, name, StringComparison.Ordinal))
            {
                pinNumber = line;
                return true;
            }
        }

        pinNumber = -1;
        return false;
    }

    /// <summary>Closes the chip.</summary>
    public void Dispose()
    {
        if (_chipFd >= 0)
        {
            _ = LibC.Close(_chipFd);
            _chipFd = -1;
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the chip if <see cref="Dispose"/> was never called.</summary>
    ~GpioChip()
    {
        if (_chipFd >= 0)
        {
            _ = LibC.Close(_chipFd);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_chipFd < 0, this);

    private void CheckPinNumber(int pinNumber)
    {
        if ((uint)pinNumber >= (uint)PinCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(pinNumber),
                pinNumber,
                string.Create(CultureInfo.InvariantCulture, $"expected a line 0..{PinCount - 1} of {ChipPath}"));
        }
    }

    private static string CString(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }
}
