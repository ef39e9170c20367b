using System.Buffers.Binary;

namespace EdgeRnn.Device.Hardware.I2c;

/// <summary>One device on an I2C bus, shaped like dotnet/iot's <c>System.Device.I2c.I2cDevice</c> plus the SMBus
/// register calls that sensor drivers use.</summary>
/// <remarks>
/// The register calls have plain-I2C default implementations (write the register number, then read or write the bytes);
/// an adapter that speaks SMBus only (i2c-stub, some controllers) overrides them with SMBus transactions. Instances are
/// not thread-safe. Failures are <see cref="IOException"/>s.
/// </remarks>
internal abstract class I2cDevice : IDisposable
{
    /// <summary>The largest block a register block read or write moves (SMBus <c>I2C_SMBUS_BLOCK_MAX</c>).</summary>
    public const int MaxBlockLength = 32;

    /// <summary>The bus and address of this device.</summary>
    public abstract I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Reads one byte (no register).</summary>
    /// <returns>The byte.</returns>
    /// <exception cref="IOException">The transfer failed.</exception>
    public abstract byte ReadByte();

    /// <summary>Reads bytes (no register) into <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Destination; its whole length is read.</param>
    /// <exception cref="IOException">The transfer failed.</exception>
    public abstract void Read(Span<byte> buffer);

    /// <summary>Writes one byte (no register).</summary>
    /// <param name="value">The byte.</param>
    /// <exception cref="IOException">The transfer failed.</exception>
    public abstract void WriteByte(byte value);

    /// <summary>Writes bytes (no register).</summary>
    /// <param name="buffer">The bytes.</param>
    /// <exception cref="IOException">The transfer failed.</exception>
    public abstract void Write(ReadOnlySpan<byte> buffer);

    /// <summary>Writes then reads in one combined transfer (repeated start).</summary>
    /// <param name="writeBuffer">Bytes written first, typically a register number.</param>
    /// <param name="readBuffer">Destination of the bytes read next; its whole length is read.</param>
    /// <exception cref="IOException">The transfer failed.</exception>
    public abstract void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer);

    /// <summary>Reads the byte at a register (SMBus read byte data).</summary>
    /// <param name="register">Register number 0..255.</param>
    /// <returns>The register's value.</returns>
    /// <exception cref="IOException">The transfer failed.</exception>
    public virtual byte ReadByteData(byte register)
    {
        Span<byte> command = [register];
        Span<byte> value = stackalloc byte[1];
        WriteRead(command, value);
        return value[0];
    }

    /// <summary>Writes the byte at a register (SMBus write byte data).</summary>
    /// <param name="register">Register number 0..255.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="IOException">The transfer failed.</exception>
    public virtual void WriteByteData(byte register, byte value)
    {
        Span<byte> bytes = [register, value];
        Write(bytes);
    }

    /// <summary>Reads a 16-bit word at a register (SMBus read word data: the first byte on the wire is the low byte).</summary>
    /// <param name="register">Register number 0..255.</param>
    /// <returns>The word, low byte first on the wire. A big-endian chip's value needs
    /// <see cref="BinaryPrimitives.ReverseEndianness(ushort)"/>.</returns>
    /// <exception cref="IOException">The transfer failed.</exception>
    public virtual ushort ReadWordData(byte register)
    {
        Span<byte> command = [register];
        Span<byte> value = stackalloc byte[2];
        WriteRead(command, value);
        return BinaryPrimitives.ReadUInt16LittleEndian(value);
    }

    /// <summary>Writes a 16-bit word at a register (SMBus write word data: low byte first on the wire).</summary>
    /// <param name="register">Register number 0..255.</param>
    /// <param name="value">The word.</param>
    /// <exception cref="IOException">The transfer failed.</exception>
    public virtual void WriteWordData(byte register, ushort value)
    {
        Span<byte> bytes = [register, (byte)value, (byte)(value >> 8)];
        Write(bytes);
    }

    /// <summary>Reads consecutive bytes starting at a register (I2C block read: register, then the bytes).</summary>
    /// <param name="register">First register number.</param>
    /// <param name="buffer">Destination, 1..<see cref="MaxBlockLength"/> bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The buffer is empty or longer than <see cref="MaxBlockLength"/>.</exception>
    /// <exception cref="IOException">The transfer failed.</exception>
    public virtual void ReadBlockData(byte register, Span<byte> buffer)
    {
        CheckBlockLength(buffer.Length);
        Span<byte> command = [register];
        WriteRead(command, buffer);
    }

    /// <summary>Writes consecutive bytes starting at a register (I2C block write).</summary>
    /// <param name="register">First register number.</param>
    /// <param name="data">The bytes, 1..<see cref="MaxBlockLength"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The data is empty or longer than <see cref="MaxBlockLength"/>.</exception>
    /// <exception cref="IOException">The transfer failed.</exception>
    public virtual void WriteBlockData(byte register, ReadOnlySpan<byte> data)
    {
        CheckBlockLength(data.Length);
        Span<byte> bytes = stackalloc byte[MaxBlockLength + 1];
        bytes[0] = register;
        data.CopyTo(bytes[1..]);
        Write(bytes[..(data.Length + 1)]);
    }

    /// <summary>Releases the device.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the device's resources.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>, false from a finalizer.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Checks a block length against 1..<see cref="MaxBlockLength"/>.</summary>
    /// <param name="length">The length in bytes.</param>
    protected static void CheckBlockLength(int length)
    {
        if (length is < 1 or > MaxBlockLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(length), length, $"expected a block of 1..{MaxBlockLength} bytes");
        }
    }
}
