using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using EdgeRnn.Device.Hardware.Native;

namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>GPIO lines of one Linux GPIO chip through the character device uAPI v2 (<c>/dev/gpiochipN</c>).</summary>
/// <remarks>
/// Each open pin is one line request (its own file descriptor, consumer label <c>edgernn</c>); closing the pin or disposing
/// the controller closes it, which returns the line to the kernel. Inputs are requested with both edges enabled, so edges
/// queue in the kernel (16 per line) until <see cref="WaitForEvent"/> reads them. Errors are
/// <see cref="HardwareIOException"/>s with the errno and the chip path.
/// </remarks>
internal sealed unsafe partial class LinuxGpioController : GpioController
{
    /// <summary>The consumer label the kernel shows for lines held by this program.</summary>
    public const string ConsumerLabel = "edgernn";

    private readonly Dictionary<int, OpenLine> _openLines = [];
    private int _chipFd = -1;

    /// <summary>Opens <c>/dev/gpiochipN</c>.</summary>
    /// <param name="chipNumber">N, 0 or more.</param>
    /// <exception cref="HardwareIOException">The chip cannot be opened or queried.</exception>
    public LinuxGpioController(int chipNumber)
        : this(string.Create(CultureInfo.InvariantCulture, $"/dev/gpiochip{chipNumber}"))
    {
    }

    /// <summary>Opens a GPIO chip device file.</summary>
    /// <param name="chipPath">For example <c>/dev/gpiochip0</c>.</param>
    /// <exception cref="HardwareIOException">The chip cannot be opened or queried.</exception>
    public LinuxGpioController(string chipPath)
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

    /// <inheritdoc />
    public override int PinCount { get; }

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

    /// <inheritdoc />
    public override bool IsPinOpen(int pinNumber) => _openLines.ContainsKey(pinNumber);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        foreach (OpenLine line in _openLines.Values)
        {
            _ = LibC.Close(line.Fd);
        }

        _openLines.Clear();
        if (_chipFd >= 0)
        {
            _ = LibC.Close(_chipFd);
            _chipFd = -1;
        }

        base.Dispose(disposing);
    }

    /// <summary>Releases the lines and the chip if <see cref="GpioController.Dispose()"/> was never called.</summary>
    ~LinuxGpioController()
    {
        Dispose(false);
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

    private sealed class OpenLine(int fd, PinMode mode, bool activeLow)
    {
        public int Fd { get; } = fd;

        public PinMode Mode { get; } = mode;

        public bool ActiveLow { get; } = activeLow;
    }
}
