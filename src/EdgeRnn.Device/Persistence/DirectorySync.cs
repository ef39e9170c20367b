using System.Runtime.InteropServices;

namespace EdgeRnn.Device.Persistence;

/// <summary>
/// fsync of a directory, so that a rename inside it survives a power cut (Linux: open(O_RDONLY | O_DIRECTORY) then fsync).
/// Does nothing on other systems.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000;

    /// <summary>Flushes a directory's entries to disk.</summary>
    /// <param name="directory">The directory.</param>
    /// <exception cref="IOException">open or fsync failed; the message has the errno and the path.</exception>
    public static void Flush(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        int fd = Open(directory, ReadOnly | DirectoryFlag() | CloseOnExec);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"Expected to open directory '{directory}' to fsync it; open failed with errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)}).");
        }

        try
        {
            if (FSync(fd) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new IOException($"Expected fsync of directory '{directory}' to succeed; it failed with errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // O_DIRECTORY is 0x4000 on ARM and ARM64 Linux (the Raspberry Pi), 0x10000 on x86 and x64.
    private static int DirectoryFlag() =>
        RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Armv6 ? 0x4000 : 0x10000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
