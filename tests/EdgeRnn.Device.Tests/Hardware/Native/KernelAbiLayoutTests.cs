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
        Assert.Equal(24, sizeof(GpioV2LineConfigAttribute));
        Assert.Equal(272, sizeof(GpioV2LineConfig));
        Assert.Equal(592, sizeof(GpioV2LineRequest));
        Assert.Equal(256, sizeof(GpioV2LineInfo));
        Assert.Equal(16, sizeof(GpioV2LineValues));
        Assert.Equal(48, sizeof(GpioV2LineEvent));
    }

    [Fact]
    public void GpioLineRequest_FieldOffsets_MatchTheKernel()
    {
        GpioV2LineRequest request = default;
        byte* start = (byte*)&request;

        Assert.Equal(256, (byte*)request.Consumer - start);
        Assert.Equal(288, (byte*)&request.Config - start);
        Assert.Equal(560, (byte*)&request.LineCount - start);
        Assert.Equal(564, (byte*)&request.EventBufferSize - start);
        Assert.Equal(588, (byte*)&request.Fd - start);
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
        Assert.Equal(GpioUapi.GetLine, IoReadWrite(0xB4, 0x07, sizeof(GpioV2LineRequest)));
        Assert.Equal(GpioUapi.GetValues, IoReadWrite(0xB4, 0x0E, sizeof(GpioV2LineValues)));
        Assert.Equal(GpioUapi.SetValues, IoReadWrite(0xB4, 0x0F, sizeof(GpioV2LineValues)));
    }

    [Fact]
    public void I2cStructures_HaveKernelSizesForThisPointerWidth()
    {
        Assert.Equal(34, Unsafe.SizeOf<I2cSmbusData>());
        Assert.Equal(IntPtr.Size == 8 ? 16 : 12, sizeof(I2cSmbusIoctlData));
        Assert.Equal(IntPtr.Size == 8 ? 16 : 12, sizeof(I2cMessage));

        I2cSmbusIoctlData arguments = default;
        byte* start = (byte*)&arguments;
        Assert.Equal(1, &arguments.Command - start);
        Assert.Equal(4, (byte*)&arguments.Size - start);
        Assert.Equal(8, (byte*)&arguments.Data - start);
    }

    [Fact]
    public void PollFd_IsEightBytes()
    {
        Assert.Equal(8, sizeof(PollFd));
    }

    private static uint IoRead(uint type, uint number, int size) => ((2u << 30) | ((uint)size << 16) | (type << 8) | number);

    private static uint IoReadWrite(uint type, uint number, int size) => ((3u << 30) | ((uint)size << 16) | (type << 8) | number);
}
