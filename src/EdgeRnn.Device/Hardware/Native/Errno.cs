namespace EdgeRnn.Device.Hardware.Native;

/// <summary>The errno values the drivers treat specially (asm-generic numbering: the same on x86 and ARM).</summary>
internal static class Errno
{
    /// <summary>Interrupted system call: retry it.</summary>
    public const int Interrupted = 4;

    /// <summary>No such device or address: nothing answered at the I2C address.</summary>
    public const int NoDeviceOrAddress = 6;

    /// <summary>Resource temporarily unavailable (non-blocking read with nothing to read).</summary>
    public const int TryAgain = 11;

    /// <summary>Device or resource busy: the GPIO line is held by another consumer.</summary>
    public const int Busy = 16;

    /// <summary>Operation not supported by the adapter (for example plain I2C on an SMBus-only controller).</summary>
    public const int NotSupported = 95;

    /// <summary>Remote I/O error: the I2C device did not acknowledge.</summary>
    public const int RemoteIO = 121;
}
