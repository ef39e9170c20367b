using System.Globalization;
using System.Runtime.InteropServices;
using EdgeRnn.Device.Hardware.Native;

namespace EdgeRnn.Device.Hardware.I2c;

/// <summary>The SMBus register calls, each one <c>ioctl(fd, I2C_SMBUS, &amp;args)</c>.</summary>
internal sealed unsafe partial class SmbusI2cDevice
{
    /// <summary>Reads one register (SMBus read byte data).</summary>
    /// <param name="register">Register number.</param>
    /// <returns>Its value.</returns>
    /// <exception cref="HardwareIOException">The transfer failed.</exception>
    public byte ReadByteData(byte register)
    {
        I2cSmbusData data = default;
        Smbus(I2cDev.SmbusRead, register, I2cDev.SizeByteData, &data, I2cFunctionality.SmbusReadByteData, "read byte data", register);
        return data[0];
    }

    /// <summary>Writes one register (SMBus write byte data).</summary>
    /// <param name="register">Register number.</param>
    /// <param name="value">Its new value.</param>
    /// <exception cref="HardwareIOException">The transfer failed.</exception>
    public void WriteByteData(byte register, byte value)
    {
        I2cSmbusData data = default;
        data[0] = value;
        Smbus(I2cDev.SmbusWrite, register, I2cDev.SizeByteData, &data, I2cFunctionality.SmbusWriteByteData, "write byte data", register);
    }

    /// <summary>Reads two bytes from a register in one SMBus read word data; the first byte on the wire lands in
    /// <paramref name="buffer"/>[0], as in a plain I2C write-read.</summary>
    /// <param name="register">Register number.</param>
    /// <param name="buffer">Two bytes.</param>
    /// <exception cref="HardwareIOException">The transfer failed.</exception>
    public void ReadWordData(byte register, Span<byte> buffer)
    {
        I2cSmbusData data = default;
        Smbus(I2cDev.SmbusRead, register, I2cDev.SizeWordData, &data, I2cFunctionality.SmbusReadWordData, "read word data", register);
        buffer[0] = data[0];
        buffer[1] = data[1];
    }

    /// <summary>Writes two bytes to a register in one SMBus write word data, <paramref name="first"/> first on the wire.</summary>
    /// <param name="register">Register number.</param>
    /// <param name="first">The first byte after the register.</param>
    /// <param name="second">The second.</param>
    /// <exception cref="HardwareIOException">The transfer failed.</exception>
    public void WriteWordData(byte register, byte first, byte second)
    {
        I2cSmbusData data = default;
        data[0] = first;
        data[1] = second;
        Smbus(I2cDev.SmbusWrite, register, I2cDev.SizeWordData, &data, I2cFunctionality.SmbusWriteWordData, "write word data", register);
    }

    /// <summary>Reads consecutive bytes from a register, as the transfer a plain I2C write-read would make: one byte by read
    /// byte data, two by read word data, more by I2C block reads of up to 32 bytes (one read byte data per byte when the
    /// adapter lacks I2C block reads).</summary>
    /// <param name="register">The first register.</param>
    /// <param name="buffer">Destination; its length is the number of bytes.</param>
    /// <exception cref="HardwareIOException">A transfer failed or came back short.</exception>
    public void ReadRegisters(byte register, Span<byte> buffer)
    {
        if (buffer.Length == 2 && (Functionality & I2cFunctionality.SmbusReadWordData) != 0)
        {
            ReadWordData(register, buffer);
            return;
        }

        if (buffer.Length == 1 || (Functionality & I2cFunctionality.SmbusReadI2cBlock) == 0)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = ReadByteData((byte)(register + i));
            }

            return;
        }

        for (int offset = 0; offset < buffer.Length; offset += I2cDev.BlockMax)
        {
            Span<byte> chunk = buffer.Slice(offset, Math.Min(I2cDev.BlockMax, buffer.Length - offset));
            byte first = (byte)(register + offset);
            I2cSmbusData data = default;
            data[0] = (byte)chunk.Length;
            Smbus(I2cDev.SmbusRead, first, I2cDev.SizeI2cBlockData, &data, I2cFunctionality.SmbusReadI2cBlock, "I2C block read", first);
            if (data[0] < chunk.Length)
            {
                throw new HardwareIOException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"I2C block read at 0x{ConnectionSettings.DeviceAddress:X2} register 0x{first:X2} on {DevicePath}: expected {chunk.Length} bytes, got {data[0]}"));
            }

            ReadOnlySpan<byte> block = data;
            block.Slice(1, chunk.Length).CopyTo(chunk);
        }
    }

    /// <summary>Writes consecutive registers in one I2C block write (1..32 bytes).</summary>
    /// <param name="register">The first register.</param>
    /// <param name="values">The values.</param>
    /// <exception cref="NotSupportedException">More than 32 bytes.</exception>
    /// <exception cref="HardwareIOException">The transfer failed.</exception>
    public void WriteBlockData(byte register, ReadOnlySpan<byte> values)
    {
        if (values.Length > I2cDev.BlockMax)
        {
            throw new NotSupportedException(string.Create(
                CultureInfo.InvariantCulture,
                $"I2C write of {values.Length} bytes after the register at 0x{ConnectionSettings.DeviceAddress:X2} on {DevicePath}: an SMBus block carries at most {I2cDev.BlockMax}"));
        }

        I2cSmbusData block = default;
        block[0] = (byte)values.Length;
        values.CopyTo(((Span<byte>)block)[1..]);
        Smbus(I2cDev.SmbusWrite, register, I2cDev.SizeI2cBlockData, &block, I2cFunctionality.SmbusWriteI2cBlock, "I2C block write", register);
    }

    private void Smbus(byte readWrite, byte command, uint size, I2cSmbusData* data, I2cFunctionality needed, string operation, int register)
    {
        ThrowIfDisposed();
        if ((Functionality & needed) == 0)
        {
            throw new HardwareIOException(string.Create(
                CultureInfo.InvariantCulture,
                $"I2C {operation} at 0x{ConnectionSettings.DeviceAddress:X2} on {DevicePath}: the adapter does not support it (I2C_FUNCS 0x{(uint)Functionality:X8})"));
        }

        var arguments = new I2cSmbusIoctlData { ReadWrite = readWrite, Command = command, Size = size, Data = (nint)data };
        int result;
        int errno;
        do
        {
            result = LibC.Ioctl(_fd, I2cDev.Smbus, &arguments);
            errno = result < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (errno == Errno.Interrupted);

        if (result < 0)
        {
            string where = register < 0
                ? string.Create(CultureInfo.InvariantCulture, $"I2C {operation} at 0x{ConnectionSettings.DeviceAddress:X2}")
                : string.Create(CultureInfo.InvariantCulture, $"I2C {operation} (register 0x{register:X2}) at 0x{ConnectionSettings.DeviceAddress:X2}");
            throw new HardwareIOException(where, DevicePath, errno);
        }
    }
}
