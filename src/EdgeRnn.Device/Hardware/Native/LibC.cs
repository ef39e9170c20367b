using System.Runtime.InteropServices;

namespace EdgeRnn.Device.Hardware.Native;

/// <summary>The few libc calls the Linux device drivers need (i2c-dev, GPIO character device).</summary>
/// <remarks>
/// <c>ioctl</c> is variadic in C; on Linux x86-64, arm64 and 32-bit ARM (EABI) a variadic pointer or long argument is passed
/// exactly like a fixed one, so the fixed signatures below are safe there. Every call sets the last P/Invoke error:
/// read <see cref="Marshal.GetLastPInvokeError"/> right after a failing call.
/// </remarks>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    /// <summary><c>O_RDONLY</c>.</summary>
    public const int OpenReadOnly = 0;

    /// <summary><c>O_RDWR</c>.</summary>
    public const int OpenReadWrite = 2;

    /// <summary><c>O_CLOEXEC</c> (same value on x86 and ARM).</summary>
    public const int OpenCloseOnExec = 0x80000;

    [LibraryImport(Library, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, nint argument);
}
