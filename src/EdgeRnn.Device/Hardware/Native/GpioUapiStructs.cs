using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeRnn.Device.Hardware.Native;

/// <summary><c>struct gpiochip_info</c>: 68 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioChipInfo
{
    public fixed byte Name[GpioUapi.MaxNameSize];
    public fixed byte Label[GpioUapi.MaxNameSize];
    public uint Lines;
}

/// <summary><c>struct gpio_v2_line_attribute</c>: 16 bytes (id, padding, a 64-bit union of flags/values/debounce).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineAttribute
{
    public uint Id;
    public uint Padding;
    public ulong Value;
}

/// <summary><c>struct gpio_v2_line_config_attribute</c>: 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineConfigAttribute
{
    public GpioV2LineAttribute Attribute;
    public ulong Mask;
}

/// <summary>The ten configuration attributes of a line config.</summary>
[InlineArray(GpioUapi.MaxAttributes)]
internal struct GpioV2LineConfigAttributes
{
    private GpioV2LineConfigAttribute _element0;
}

/// <summary>The ten attributes of a line info.</summary>
[InlineArray(GpioUapi.MaxAttributes)]
internal struct GpioV2LineAttributes
{
    private GpioV2LineAttribute _element0;
}

/// <summary><c>struct gpio_v2_line_config</c>: 272 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioV2LineConfig
{
    public GpioV2LineFlags Flags;
    public uint AttributeCount;
    public fixed uint Padding[5];
    public GpioV2LineConfigAttributes Attributes;
}

/// <summary><c>struct gpio_v2_line_request</c>: 592 bytes; the kernel writes the new line fd at offset 588.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioV2LineRequest
{
    public fixed uint Offsets[GpioUapi.MaxLines];
    public fixed byte Consumer[GpioUapi.MaxNameSize];
    public GpioV2LineConfig Config;
    public uint LineCount;
    public uint EventBufferSize;
    public fixed uint Padding[5];
    public int Fd;
}

/// <summary><c>struct gpio_v2_line_info</c>: 256 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioV2LineInfo
{
    public fixed byte Name[GpioUapi.MaxNameSize];
    public fixed byte Consumer[GpioUapi.MaxNameSize];
    public uint Offset;
    public uint AttributeCount;
    public GpioV2LineFlags Flags;
    public GpioV2LineAttributes Attributes;
    public fixed uint Padding[4];
}

/// <summary><c>struct gpio_v2_line_values</c>: 16 bytes, one bit per requested line.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineValues
{
    public ulong Bits;
    public ulong Mask;
}

/// <summary><c>struct gpio_v2_line_event</c>: 48 bytes, read from a line fd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioV2LineEvent
{
    public ulong TimestampNanoseconds;
    public uint Id;
    public uint Offset;
    public uint SequenceNumber;
    public uint LineSequenceNumber;
    public fixed uint Padding[6];
}
