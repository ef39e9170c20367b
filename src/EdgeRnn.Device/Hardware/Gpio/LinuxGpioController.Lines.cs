using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using EdgeRnn.Device.Hardware.Native;

namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>Requesting, driving, reading and releasing lines.</summary>
internal sealed unsafe partial class LinuxGpioController
{
    /// <inheritdoc />
    public override void OpenPin(int pinNumber, PinMode mode, bool activeLow)
    {
        ThrowIfDisposed();
        CheckPinNumber(pinNumber);
        if (_openLines.ContainsKey(pinNumber))
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"line {pinNumber} of {ChipPath} is already open"));
        }

        GpioV2LineRequest request = default;
        request.Offsets[0] = (uint)pinNumber;
        request.LineCount = 1;
        Encoding.ASCII.GetBytes(ConsumerLabel, new Span<byte>(request.Consumer, GpioUapi.MaxNameSize - 1));
        GpioV2LineFlags flags = mode switch
        {
            PinMode.Output => GpioV2LineFlags.Output,
            PinMode.Input => GpioV2LineFlags.Input,
            PinMode.InputPullUp => GpioV2LineFlags.Input | GpioV2LineFlags.BiasPullUp,
            PinMode.InputPullDown => GpioV2LineFlags.Input | GpioV2LineFlags.BiasPullDown,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "expected Input, Output, InputPullUp or InputPullDown"),
        };
        if (mode != PinMode.Output)
        {
            flags |= GpioV2LineFlags.EdgeRising | GpioV2LineFlags.EdgeFalling;
        }

        if (activeLow)
        {
            flags |= GpioV2LineFlags.ActiveLow;
        }

        request.Config.Flags = flags;
        if (mode == PinMode.Output)
        {
            // Start inactive: bit 0 (the first requested line) = logical 0.
            request.Config.AttributeCount = 1;
            request.Config.Attributes[0] = new GpioV2LineConfigAttribute
            {
                Attribute = new GpioV2LineAttribute { Id = GpioUapi.AttributeOutputValues, Value = 0 },
                Mask = 1,
            };
        }

        if (LibC.Ioctl(_chipFd, GpioUapi.GetLine, &request) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new HardwareIOException(DescribeRefusal(pinNumber, mode, errno), ChipPath, errno);
        }

        _openLines.Add(pinNumber, new OpenLine(request.Fd, mode, activeLow));
    }

    /// <inheritdoc />
    public override void ClosePin(int pinNumber)
    {
        OpenLine line = GetOpenLine(pinNumber);
        _openLines.Remove(pinNumber);
        _ = LibC.Close(line.Fd);
    }

    /// <inheritdoc />
    public override void Write(int pinNumber, PinValue value)
    {
        OpenLine line = GetOpenLine(pinNumber);
        if (line.Mode != PinMode.Output)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"line {pinNumber} of {ChipPath} is open as {line.Mode}, not Output"));
        }

        var values = new GpioV2LineValues { Bits = value == PinValue.High ? 1UL : 0UL, Mask = 1 };
        if (LibC.Ioctl(line.Fd, GpioUapi.SetValues, &values) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new HardwareIOException(
                string.Create(CultureInfo.InvariantCulture, $"GPIO_V2_LINE_SET_VALUES_IOCTL for line {pinNumber}"), ChipPath, errno);
        }
    }

    /// <inheritdoc />
    public override PinValue Read(int pinNumber)
    {
        OpenLine line = GetOpenLine(pinNumber);
        var values = new GpioV2LineValues { Mask = 1 };
        if (LibC.Ioctl(line.Fd, GpioUapi.GetValues, &values) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new HardwareIOException(
                string.Create(CultureInfo.InvariantCulture, $"GPIO_V2_LINE_GET_VALUES_IOCTL for line {pinNumber}"), ChipPath, errno);
        }

        return (values.Bits & 1) != 0 ? PinValue.High : PinValue.Low;
    }

    private OpenLine GetOpenLine(int pinNumber)
    {
        ThrowIfDisposed();
        if (!_openLines.TryGetValue(pinNumber, out OpenLine? line))
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"line {pinNumber} of {ChipPath} is not open: call OpenPin first"));
        }

        return line;
    }

    private string DescribeRefusal(int pinNumber, PinMode mode, int errno)
    {
        string what = string.Create(CultureInfo.InvariantCulture, $"GPIO_V2_GET_LINE_IOCTL (request line {pinNumber} as {mode})");
        if (errno != Errno.Busy)
        {
            return what;
        }

        string consumer = GetLineInfo(pinNumber).Consumer;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: the line is held by '{(consumer.Length == 0 ? "the kernel" : consumer)}'");
    }
}
