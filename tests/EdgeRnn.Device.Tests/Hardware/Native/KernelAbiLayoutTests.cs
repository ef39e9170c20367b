using System.Runtime.CompilerServices;
using EdgeRnn.Device.Hardware.Native;

namespace EdgeRnn.Device.Tests.Hardware.Native;

/// <summary>The structures passed to the kernel have the sizes and offsets of linux/gpio.h and linux/i2c-dev.h, and the
/// ioctl numbers agree with the _IOC encoding of those sizes.</summary>
public unsafe class KernelAbiLayoutTests
{
    [Fact]
    public void GpioStructures_HaveKernelSizes()
    {
        Assert.Equal(68, sizeof(GpioChipInfo));
        Assert.Equal(16, sizeof(GpioV2LineAttribute));
        Assert.Equal(256, sizeof(GpioV2LineInfo));
    }

    [Fact]
    public void GpioLineInfo_FieldOffsets_MatchTheKernel()
    {
        GpioV2LineInfo info = default;
        byte* start = (byte*)&info;

        Assert.Equal(32, (byte*)info.Consumer - start);
        Assert.Equal(64, (byte*)&info.Offset - start);
        Assert.Equal(72, (byte*)&info.Flags - start);
        Assert.Equal(80, (byte*)&info.Attributes - start);
    }

    [Fact]
    public void GpioIoctlNumbers_EncodeTheStructureSizes()
    {
        Assert.Equal(GpioUapi.GetChipInfo, IoRead(0xB4, 0x01, sizeof(GpioChipInfo)));
        Assert.Equal(GpioUapi.GetLineInfo, IoReadWrite(0xB4, 0x05, sizeof(GpioV2LineInfo)));
    }

    [Fact]
    public void I2cStructures_HaveKernelSizesForThisPointerWidth()
    {
        Assert.Equal(34, Unsafe.SizeOf<I2cSmbusData>());
        Assert.Equal(IntPtr.Size == 8 ? 16 : 12, sizeof(I2cSmbusIoctlData));

        I2cSmbusIoctlData arguments = default;
        byte* start = (byte*)&arguments;
        Assert.Equal(1, &arguments.Command - start);
        Assert.Equal(4, (byte*)&arguments.Size - start);
        Assert.Equal(8, (byte*)&arguments.Data - start);
    }

    private static uint IoRead(uint type, uint number, int size) => ((2u << 30) | ((uint)size << 16) | (type << 8) | number);

    private static uint IoReadWrite(uint type, uint number, int size) => ((3u << 30) | ((uint)size << 16) | (type << 8) | number);
}
