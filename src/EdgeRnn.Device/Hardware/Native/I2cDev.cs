using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeRnn.Device.Hardware.Native;

/// <summary>The i2c-dev ioctl interface (linux/i2c-dev.h, linux/i2c.h).</summary>
internal static class I2cDev
{
    /// <summary><c>I2C_SLAVE</c>: set the 7-bit address of the following transfers.</summary>
    public const uint SetAddress = 0x0703;

    /// <summary><c>I2C_FUNCS</c>: the adapter's functionality bits (an <c>unsigned long</c>).</summary>
    public const uint GetFunctionality = 0x0705;

    /// <summary><c>I2C_SMBUS</c>: one SMBus transaction.</summary>
    public const uint Smbus = 0x0720;

    /// <summary><c>I2C_SMBUS_WRITE</c>.</summary>
    public const byte SmbusWrite = 0;

    /// <summary><c>I2C_SMBUS_READ</c>.</summary>
    public const byte SmbusRead = 1;

    /// <summary><c>I2C_SMBUS_BYTE</c>: receive or send one byte, no register.</summary>
    public const uint SizeByte = 1;

    /// <summary><c>I2C_SMBUS_BYTE_DATA</c>: one byte at a register.</summary>
    public const uint SizeByteData = 2;

    /// <summary><c>I2C_SMBUS_WORD_DATA</c>: 16 bits at a register; the first byte on the wire is the low byte.</summary>
    public const uint SizeWordData = 3;

    /// <summary><c>I2C_SMBUS_I2C_BLOCK_DATA</c>: up to 32 consecutive bytes from a register; <c>block[0]</c> is the length.</summary>
    public const uint SizeI2cBlockData = 8;

    /// <summary><c>I2C_SMBUS_BLOCK_MAX</c>.</summary>
    public const int BlockMax = 32;
}

/// <summary><c>union i2c_smbus_data</c>: byte, word or <c>block[I2C_SMBUS_BLOCK_MAX + 2]</c>, 34 bytes.</summary>
[InlineArray(I2cDev.BlockMax + 2)]
internal struct I2cSmbusData
{
    private byte _element0;
}

/// <summary><c>struct i2c_smbus_ioctl_data</c>: 16 bytes on 64-bit, 12 on 32-bit ARM (the pointer is native-sized).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct I2cSmbusIoctlData
{
    public byte ReadWrite;
    public byte Command;
    public uint Size;
    public nint Data;
}
