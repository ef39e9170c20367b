using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using EdgeRnn.Device.Hardware.Native;

namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>Edge events: <c>poll()</c> on the line fd, then <c>read()</c> of 48-byte <c>gpio_v2_line_event</c> records.</summary>
internal sealed unsafe partial class LinuxGpioController
{
    /// <inheritdoc />
    public override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, TimeSpan timeout)
    {
        OpenLine line = GetOpenLine(pinNumber);
        if (line.Mode == PinMode.Output)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"line {pinNumber} of {ChipPath} is an output: it has no edge events"));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            long remainingTicks = deadline - Stopwatch.GetTimestamp();
            int waitMilliseconds = remainingTicks <= 0
                ? 0
                : (int)Math.Min(int.MaxValue, Math.Ceiling(remainingTicks * 1000.0 / Stopwatch.Frequency));
            var poll = new PollFd { Fd = line.Fd, Events = LibC.PollIn };
            int ready = LibC.Poll(&poll, 1, waitMilliseconds);
            if (ready < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.Interrupted)
                {
                    continue;
                }

                throw new HardwareIOException(
                    string.Create(CultureInfo.InvariantCulture, $"poll() on line {pinNumber}"), ChipPath, errno);
            }

            if (ready == 0)
            {
                return new WaitForEventResult(PinEventTypes.None, TimedOut: true, TimestampNanoseconds: 0);
            }

            GpioV2LineEvent lineEvent = ReadEvent(line.Fd, pinNumber);
            PinEventTypes type = lineEvent.Id == GpioUapi.EventRisingEdge ? PinEventTypes.Rising : PinEventTypes.Falling;
            if ((type & eventTypes) != 0)
            {
                return new WaitForEventResult(type, TimedOut: false, lineEvent.TimestampNanoseconds);
            }
        }
    }

    private GpioV2LineEvent ReadEvent(int fd, int pinNumber)
    {
        GpioV2LineEvent lineEvent = default;
        nint count;
        int errno;
        do
        {
            count = LibC.Read(fd, &lineEvent, (nuint)sizeof(GpioV2LineEvent));
            errno = count < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (errno == Errno.Interrupted);

        if (count < 0)
        {
            throw new HardwareIOException(
                string.Create(CultureInfo.InvariantCulture, $"read() of an edge event on line {pinNumber}"), ChipPath, errno);
        }

        if (count != sizeof(GpioV2LineEvent))
        {
            throw new HardwareIOException(string.Create(
                CultureInfo.InvariantCulture,
                $"read() of an edge event on line {pinNumber} of {ChipPath}: expected {sizeof(GpioV2LineEvent)} bytes, got {count}"));
        }

        return lineEvent;
    }
}
