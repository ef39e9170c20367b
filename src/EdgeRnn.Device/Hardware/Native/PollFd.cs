using System.Runtime.InteropServices;

namespace EdgeRnn.Device.Hardware.Native;

/// <summary><c>struct pollfd</c>: 8 bytes on every Linux architecture.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}
