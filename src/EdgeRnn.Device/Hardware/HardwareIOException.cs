using System.Globalization;
using System.Runtime.InteropServices;

namespace EdgeRnn.Device.Hardware;

/// <summary>A Linux device call (i2c-dev, GPIO character device, sysfs) failed.</summary>
/// <remarks>The message names the operation, the device path, the errno and its text, for example
/// <c>I2C read byte data (register 0x75) at 0x68 on /dev/i2c-1 failed: errno 121 (Remote I/O error)</c>.</remarks>
internal sealed class HardwareIOException : IOException
{
    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="operation">What was attempted, in words.</param>
    /// <param name="devicePath">The device file, for example <c>/dev/i2c-1</c>.</param>
    /// <param name="errno">The errno the kernel returned (0 when the failure was not a system call error).</param>
    public HardwareIOException(string operation, string devicePath, int errno)
        : base(Format(operation, devicePath, errno))
    {
        DevicePath = devicePath;
        Errno = errno;
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public HardwareIOException(string message)
        : base(message)
    {
        DevicePath = string.Empty;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HardwareIOException(string message, Exception innerException)
        : base(message, innerException)
    {
        DevicePath = string.Empty;
    }

    /// <summary>Creates the exception with no details.</summary>
    public HardwareIOException()
    {
        DevicePath = string.Empty;
    }

    /// <summary>The device file the call was made on.</summary>
    public string DevicePath { get; }

    /// <summary>The errno the kernel returned; 0 when none.</summary>
    public int Errno { get; }

    private static string Format(string operation, string devicePath, int errno) =>
        errno == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{operation} on {devicePath} failed")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{operation} on {devicePath} failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})");
}
