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

/// <summary>The ten attributes of a line info.</summary>
[InlineArray(GpioUapi.MaxAttributes)]
internal struct GpioV2LineAttributes
{
    private GpioV2LineAttribute _element0;
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
