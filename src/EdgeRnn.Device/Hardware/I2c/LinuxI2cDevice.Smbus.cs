using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeRnn.Device.Hardware.Native;

namespace EdgeRnn.Device.Hardware.I2c;

/// <summary>The SMBus register calls, each one <c>ioctl(fd, I2C_SMBUS, &amp;args)</c>.</summary>
internal sealed unsafe partial class LinuxI2cDevice
{
    /// <inheritdoc />
    public override byte ReadByte()
    {
        I2cSmbusData data = default;
        Smbus(I2cDev.SmbusRead, 0, I2cDev.SizeByte, &data, I2cFunctionality.SmbusReadByte, "receive byte", -1);
        return data[0];
    }

    /// <inheritdoc />
    public override void WriteByte(byte value) =>
        Smbus(I2cDev.SmbusWrite, value, I2cDev.SizeByte, null, I2cFunctionality.SmbusWriteByte, "send byte", -1);

    /// <inheritdoc />
    public override byte ReadByteData(byte register)
    {
        I2cSmbusData data = default;
        Smbus(I2cDev.SmbusRead, register, I2cDev.SizeByteData, &data, I2cFunctionality.SmbusReadByteData, "read byte data", register);
        return data[0];
    }

    /// <inheritdoc />
    public override void WriteByteData(byte register, byte value)
    {
        I2cSmbusData data = default;
        data[0] = value;
        Smbus(I2cDev.SmbusWrite, register, I2cDev.SizeByteData, &data, I2cFunctionality.SmbusWriteByteData, "write byte data", register);
    }

    /// <inheritdoc />
    public override ushort ReadWordData(byte register)
    {
        I2cSmbusData data = default;
        Smbus(I2cDev.SmbusRead, register, I2cDev.SizeWordData, &data, I2cFunctionality.SmbusReadWordData, "read word data", register);
        return Unsafe.ReadUnaligned<ushort>(ref data[0]);
    }

    /// <inheritdoc />
    public override void WriteWordData(byte register, ushort value)
    {
        I2cSmbusData data = default;
        Unsafe.WriteUnaligned(ref data[0], value);
        Smbus(I2cDev.SmbusWrite, register, I2cDev.SizeWordData, &data, I2cFunctionality.SmbusWriteWordData, "write word data", register);
    }

    /// <inheritdoc />
    /// <remarks>One I2C block transaction when the adapter supports it, otherwise one read byte data per register.</remarks>
    public override void ReadBlockData(byte register, Span<byte> buffer)
    {
        CheckBlockLength(buffer.Length);
        if ((Functionality & I2cFunctionality.SmbusReadI2cBlock) == 0)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = ReadByteData((byte)(register + i));
            }

            return;
        }

        I2cSmbusData data = default;
        data[0] = (byte)buffer.Length;
        Smbus(I2cDev.SmbusRead, register, I2cDev.SizeI2cBlockData, &data, I2cFunctionality.SmbusReadI2cBlock, "I2C block read", register);
        if (data[0] < buffer.Length)
        {
            throw new HardwareIOException(string.Create(
                CultureInfo.InvariantCulture,
                $"I2C block read at 0x{ConnectionSettings.DeviceAddress:X2} register 0x{register:X2} on {DevicePath}: expected {buffer.Length} bytes, got {data[0]}"));
        }

        ReadOnlySpan<byte> block = data;
        block.Slice(1, buffer.Length).CopyTo(buffer);
    }

    /// <inheritdoc />
    public override void WriteBlockData(byte register, ReadOnlySpan<byte> data)
    {
        CheckBlockLength(data.Length);
        I2cSmbusData block = default;
        block[0] = (byte)data.Length;
        data.CopyTo(((Span<byte>)block)[1..]);
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
