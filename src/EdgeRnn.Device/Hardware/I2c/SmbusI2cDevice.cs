using System.Device.I2c;
using System.Globalization;
using System.Runtime.InteropServices;
using EdgeRnn.Device.Hardware.Native;

namespace EdgeRnn.Device.Hardware.I2c;

/// <summary>A <see cref="System.Device.I2c.I2cDevice"/> on Linux i2c-dev (<c>/dev/i2c-N</c>) that carries every transfer
/// over SMBus ioctls (<c>I2C_SMBUS</c>), for adapters without plain I2C (no <c>I2C_FUNC_I2C</c>: the kernel's i2c-stub,
/// some SMBus-only controllers), where dotnet/iot's own device fails with EOPNOTSUPP.</summary>
/// <remarks>
/// The bindings speak to register chips: "write the register number, then read N bytes" (<see cref="WriteRead"/>, or
/// <see cref="WriteByte"/> then <see cref="Read"/>) and "write the register number and its value"
/// (<see cref="Write"/>). Those map onto the SMBus transaction with the same bytes on the wire: reading one byte = read
/// byte data, two = read word data (16-bit registers: ADS1115, INA219), more = I2C block reads of up to 32 bytes (one read
/// byte data per byte when the adapter lacks I2C block reads); a register and one value = write byte data, and two =
/// write word data, more = an I2C block write. A <see cref="Read"/> with no register named before it is
/// SMBus receive byte per byte (the chip's own pointer). A transfer SMBus cannot express (a two-byte register address, a
/// bare read after a multi-byte write) is a <see cref="NotSupportedException"/>. Use <see cref="I2cDevices.Open"/>,
/// which picks dotnet/iot's <c>I2cDevice.Create</c> when the adapter has plain I2C (a Raspberry Pi's). Nothing is
/// allocated per transfer; errors are <see cref="HardwareIOException"/>s with the errno, its text and the device path.
/// Not thread-safe.
/// </remarks>
internal sealed unsafe partial class SmbusI2cDevice : System.Device.I2c.I2cDevice
{
    private readonly I2cConnectionSettings _settings;
    private readonly string _devicePath;
    private int _fd = -1;

    // The register a WriteByte named, for the Read that follows it; -1 when none.
    private int _pendingRegister = -1;

    /// <summary>Opens <c>/dev/i2c-N</c> for the device at the settings' address.</summary>
    /// <param name="settings">Bus and address.</param>
    /// <exception cref="HardwareIOException">The bus cannot be opened or the address cannot be selected.</exception>
    public SmbusI2cDevice(I2cConnectionSettings settings)
        : this(settings, string.Create(CultureInfo.InvariantCulture, $"/dev/i2c-{settings?.BusId}"))
    {
    }

    /// <summary>Opens an explicit i2c-dev device file for the device at the settings' address.</summary>
    /// <param name="settings">Bus and address (the bus number is informational here).</param>
    /// <param name="devicePath">The i2c-dev device file.</param>
    /// <exception cref="HardwareIOException">The file cannot be opened or the address cannot be selected.</exception>
    public SmbusI2cDevice(I2cConnectionSettings settings, string devicePath)
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
    /// <remarks>SMBus receive byte.</remarks>
    public override byte ReadByte()
    {
        _pendingRegister = -1;
        I2cSmbusData data = default;
        Smbus(I2cDev.SmbusRead, 0, I2cDev.SizeByte, &data, I2cFunctionality.SmbusReadByte, "receive byte", -1);
        return data[0];
    }

    /// <inheritdoc />
    /// <remarks>SMBus send byte; a <see cref="Read"/> right after it reads from this register.</remarks>
    public override void WriteByte(byte value)
    {
        Smbus(I2cDev.SmbusWrite, value, I2cDev.SizeByte, null, I2cFunctionality.SmbusWriteByte, "send byte", -1);
        _pendingRegister = value;
    }

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        int register = _pendingRegister;
        _pendingRegister = -1;
        if (register >= 0)
        {
            ReadRegisters((byte)register, buffer);
            return;
        }

        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = ReadByte();
        }
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pendingRegister = -1;
        switch (buffer.Length)
        {
            case 0:
                throw new ArgumentException("expected at least one byte (the register) to write", nameof(buffer));
            case 1:
                WriteByte(buffer[0]);
                return;
            case 2:
                WriteByteData(buffer[0], buffer[1]);
                return;
            case 3 when (Functionality & I2cFunctionality.SmbusWriteWordData) != 0:
                WriteWordData(buffer[0], buffer[1], buffer[2]);
                return;
            default:
                WriteBlockData(buffer[0], buffer[1..]);
                return;
        }
    }

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        _pendingRegister = -1;
        if (writeBuffer.Length == 0)
        {
            Read(readBuffer);
            return;
        }

        if (writeBuffer.Length != 1)
        {
            throw new NotSupportedException(string.Create(
                CultureInfo.InvariantCulture,
                $"I2C write-read of {writeBuffer.Length} + {readBuffer.Length} bytes at 0x{_settings.DeviceAddress:X2} on {_devicePath}: SMBus carries a one-byte register address only, and the adapter has no plain I2C"));
        }

        ReadRegisters(writeBuffer[0], readBuffer);
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

    /// <summary>Closes the file if <see cref="System.Device.I2c.I2cDevice.Dispose()"/> was never called.</summary>
    ~SmbusI2cDevice()
    {
        Dispose(false);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_fd < 0, this);

    private static string OpenHint(int errno) => errno switch
    {
        2 => "Opening the I2C bus (is i2c-dev loaded and the bus enabled, e.g. dtparam=i2c_arm=on?)",
        13 => "Opening the I2C bus (is the user in the i2c group?)",
        _ => "Opening the I2C bus",
    };
}
