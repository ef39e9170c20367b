using System.Globalization;
using System.Runtime.InteropServices;
using EdgeRnn.Device.Hardware.Native;

namespace EdgeRnn.Device.Hardware.I2c;

/// <summary>An I2C device on Linux through i2c-dev (<c>/dev/i2c-N</c>): register calls are <c>I2C_SMBUS</c> ioctls,
/// plain transfers are <c>read</c>/<c>write</c>/<c>I2C_RDWR</c>.</summary>
/// <remarks>
/// SMBus calls work on every adapter that reports them in <c>I2C_FUNCS</c> (a Raspberry Pi's controller, i2c-stub), so the
/// sensor drivers use only those. Nothing is allocated per transfer; errors are <see cref="HardwareIOException"/>s with the
/// errno, its text and the device path. Not thread-safe.
/// </remarks>
internal sealed unsafe partial class LinuxI2cDevice : I2cDevice
{
    private readonly I2cConnectionSettings _settings;
    private readonly string _devicePath;
    private int _fd = -1;

    /// <summary>Opens <c>/dev/i2c-N</c> for the device at the settings' address.</summary>
    /// <param name="settings">Bus and address.</param>
    /// <exception cref="HardwareIOException">The bus cannot be opened or the address cannot be selected.</exception>
    public LinuxI2cDevice(I2cConnectionSettings settings)
        : this(settings, string.Create(CultureInfo.InvariantCulture, $"/dev/i2c-{settings.BusId}"))
    {
    }

    /// <summary>Opens an explicit i2c-dev device file for the device at the settings' address.</summary>
    /// <param name="settings">Bus and address (the bus number is informational here).</param>
    /// <param name="devicePath">The i2c-dev device file.</param>
    /// <exception cref="HardwareIOException">The file cannot be opened or the address cannot be selected.</exception>
    public LinuxI2cDevice(I2cConnectionSettings settings, string devicePath)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        _settings = settings;
        _devicePath = devicePath;
        _fd = LibC.Open(devicePath, LibC.OpenReadWrite | LibC.OpenCloseOnExec);
        if (_fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new HardwareIOException(OpenHint(errno), devicePath, errno);
        }

        try
        {
            nuint functions = 0;
            if (LibC.Ioctl(_fd, I2cDev.GetFunctionality, &functions) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new HardwareIOException("I2C_FUNCS (adapter functionality query)", devicePath, errno);
            }

            Functionality = (I2cFunctionality)(uint)functions;
            if (LibC.Ioctl(_fd, I2cDev.SetAddress, settings.DeviceAddress) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new HardwareIOException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"I2C_SLAVE (select address 0x{settings.DeviceAddress:X2}; EBUSY means a kernel driver owns it)"),
                    devicePath,
                    errno);
            }
        }
        catch
        {
            _ = LibC.Close(_fd);
            _fd = -1;
            throw;
        }
    }

    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings => _settings;

    /// <summary>What the adapter supports, from <c>I2C_FUNCS</c>.</summary>
    public I2cFunctionality Functionality { get; }

    /// <summary>The i2c-dev device file.</summary>
    public string DevicePath => _devicePath;

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        ThrowIfDisposed();
        fixed (byte* pointer = buffer)
        {
            nint count = LibC.Read(_fd, pointer, (nuint)buffer.Length);
            if (count != buffer.Length)
            {
                int errno = count < 0 ? Marshal.GetLastPInvokeError() : 0;
                throw count < 0 ? Failure(Describe("read", buffer.Length), errno) : ShortTransfer("read", buffer.Length, count);
            }
        }
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfDisposed();
        fixed (byte* pointer = buffer)
        {
            nint count = LibC.Write(_fd, pointer, (nuint)buffer.Length);
            if (count != buffer.Length)
            {
                int errno = count < 0 ? Marshal.GetLastPInvokeError() : 0;
                throw count < 0 ? Failure(Describe("write", buffer.Length), errno) : ShortTransfer("write", buffer.Length, count);
            }
        }
    }

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        ThrowIfDisposed();
        fixed (byte* writePointer = writeBuffer)
        fixed (byte* readPointer = readBuffer)
        {
            I2cMessage* messages = stackalloc I2cMessage[2];
            messages[0] = new I2cMessage
            {
                Address = (ushort)_settings.DeviceAddress,
                Length = (ushort)writeBuffer.Length,
                Buffer = (nint)writePointer,
            };
            messages[1] = new I2cMessage
            {
                Address = (ushort)_settings.DeviceAddress,
                Flags = I2cDev.MessageRead,
                Length = (ushort)readBuffer.Length,
                Buffer = (nint)readPointer,
            };
            var transfer = new I2cReadWriteIoctlData { Messages = (nint)messages, MessageCount = 2 };
            if (LibC.Ioctl(_fd, I2cDev.ReadWrite, &transfer) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw Failure(Describe("I2C_RDWR write-read", readBuffer.Length), errno);
            }
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (_fd >= 0)
        {
            _ = LibC.Close(_fd);
            _fd = -1;
        }

        base.Dispose(disposing);
    }

    /// <summary>Closes the file if <see cref="I2cDevice.Dispose()"/> was never called.</summary>
    ~LinuxI2cDevice()
    {
        Dispose(false);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_fd < 0, this);

    private HardwareIOException Failure(string operation, int errno) => new(operation, _devicePath, errno);

    private HardwareIOException ShortTransfer(string operation, int expected, nint actual) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"I2C {operation} at 0x{_settings.DeviceAddress:X2} on {_devicePath}: expected {expected} bytes, transferred {actual}"));

    private string Describe(string operation, int length) =>
        string.Create(CultureInfo.InvariantCulture, $"I2C {operation} of {length} bytes at 0x{_settings.DeviceAddress:X2}");

    private static string OpenHint(int errno) => errno switch
    {
        2 => "Opening the I2C bus (is i2c-dev loaded and the bus enabled, e.g. dtparam=i2c_arm=on?)",
        13 => "Opening the I2C bus (is the user in the i2c group?)",
        _ => "Opening the I2C bus",
    };
}
