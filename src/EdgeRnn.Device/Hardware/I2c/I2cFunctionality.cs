namespace EdgeRnn.Device.Hardware.I2c;

/// <summary>What an I2C adapter can do, as reported by <c>I2C_FUNCS</c> (linux/i2c.h).</summary>
[Flags]
internal enum I2cFunctionality : uint
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Plain I2C transfers (<c>read</c>, <c>write</c>, <c>I2C_RDWR</c>).</summary>
    PlainI2c = 0x0000_0001,

    /// <summary>SMBus receive byte.</summary>
    SmbusReadByte = 0x0002_0000,

    /// <summary>SMBus send byte.</summary>
    SmbusWriteByte = 0x0004_0000,

    /// <summary>SMBus read byte data.</summary>
    SmbusReadByteData = 0x0008_0000,

    /// <summary>SMBus write byte data.</summary>
    SmbusWriteByteData = 0x0010_0000,

    /// <summary>SMBus read word data.</summary>
    SmbusReadWordData = 0x0020_0000,

    /// <summary>SMBus write word data.</summary>
    SmbusWriteWordData = 0x0040_0000,

    /// <summary>I2C block read (register, then up to 32 bytes).</summary>
    SmbusReadI2cBlock = 0x0400_0000,

    /// <summary>I2C block write (register, then up to 32 bytes).</summary>
    SmbusWriteI2cBlock = 0x0800_0000,
}
