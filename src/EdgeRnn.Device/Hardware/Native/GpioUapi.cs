namespace EdgeRnn.Device.Hardware.Native;

/// <summary>The GPIO character device uAPI v2 (linux/gpio.h): ioctl numbers, flags and sizes. The structures have the same
/// layout on every architecture (explicit padding, 64-bit fields aligned).</summary>
internal static class GpioUapi
{
    /// <summary><c>GPIO_GET_CHIPINFO_IOCTL</c> (68-byte <see cref="GpioChipInfo"/>).</summary>
    public const uint GetChipInfo = 0x8044B401;

    /// <summary><c>GPIO_V2_GET_LINEINFO_IOCTL</c> (256-byte <see cref="GpioV2LineInfo"/>).</summary>
    public const uint GetLineInfo = 0xC100B405;

    /// <summary><c>GPIO_MAX_NAME_SIZE</c>.</summary>
    public const int MaxNameSize = 32;

    /// <summary><c>GPIO_V2_LINE_NUM_ATTRS_MAX</c>.</summary>
    public const int MaxAttributes = 10;
}

/// <summary><c>enum gpio_v2_line_flag</c>.</summary>
[Flags]
internal enum GpioV2LineFlags : ulong
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>The line is in use (by the kernel or another consumer).</summary>
    Used = 1 << 0,

    /// <summary>Active-low: a logical 1 drives the line low.</summary>
    ActiveLow = 1 << 1,

    /// <summary>Input.</summary>
    Input = 1 << 2,

    /// <summary>Output.</summary>
    Output = 1 << 3,

    /// <summary>Report rising edges.</summary>
    EdgeRising = 1 << 4,

    /// <summary>Report falling edges.</summary>
    EdgeFalling = 1 << 5,

    /// <summary>Pull-up bias.</summary>
    BiasPullUp = 1 << 8,

    /// <summary>Pull-down bias.</summary>
    BiasPullDown = 1 << 9,
}
