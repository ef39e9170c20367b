namespace EdgeRnn.Device.Sensors.Ads1115;

/// <summary>ADS1115 registers and Config fields (TI SBAS444D, §9.6 "Register Map"). Every register is 16 bits, most
/// significant byte first on the wire.</summary>
internal static class Ads1115Register
{
    /// <summary>Pointer 00b: Conversion register, the last result in two's complement (§9.6.2).</summary>
    public const byte Conversion = 0x00;

    /// <summary>Pointer 01b: Config register (§9.6.3).</summary>
    public const byte Config = 0x01;

    /// <summary>Config reset value 8583h: OS = 1, MUX = AIN0/AIN1, PGA = ±2.048 V, MODE = single-shot, DR = 128 SPS,
    /// comparator disabled (§9.6.3).</summary>
    public const ushort ConfigResetValue = 0x8583;

    /// <summary>OS, bit 15: write 1 to start a single conversion; reads 0 while converting, 1 when idle (§9.6.3).</summary>
    public const ushort OperationalStatus = 0x8000;

    /// <summary>MUX[2:0] = 100b..111b in bits 14:12: AIN0..AIN3 against GND (§9.6.3).</summary>
    public const int SingleEndedMuxBase = 0b100;

    /// <summary>MODE, bit 8: 1 = single-shot / power-down (§9.6.3, §9.4.2).</summary>
    public const ushort SingleShotMode = 0x0100;

    /// <summary>COMP_QUE[1:0] = 11b: comparator disabled, ALERT/RDY high impedance (§9.6.3).</summary>
    public const ushort ComparatorDisabled = 0x0003;
}
