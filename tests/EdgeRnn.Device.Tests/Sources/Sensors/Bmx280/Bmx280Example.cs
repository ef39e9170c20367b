using EdgeRnn.Device.Tests.Hardware.I2c;

namespace EdgeRnn.Device.Tests.Sources.Sensors.Bmx280;

/// <summary>The BMP280 datasheet's worked example (§3.12) as a register file, plus humidity calibration words of a BME280
/// (§4.2.2 layout) and a humidity reading.</summary>
internal static class Bmx280Example
{
    public static readonly ushort DigT1 = 27504;
    public static readonly short DigT2 = 26435;
    public static readonly short DigT3 = -1000;
    public static readonly int AdcT = 519888;
    public static readonly int AdcP = 415148;

    public static readonly byte DigH1 = 75;
    public static readonly short DigH2 = 362;
    public const byte DigH3 = 0; // as on most parts
    public static readonly short DigH4 = 313;
    public static readonly short DigH5 = 50;
    public static readonly sbyte DigH6 = 30;
    public static readonly int AdcH = 30000;

    private static readonly short[] DigP = [unchecked((short)36477), -10685, 3024, 2855, 140, -7, 15500, -14600, 6000];

    /// <summary>The example's registers, in the order the chip keeps them (all byte registers, 0x00..0xFF).</summary>
    public static byte[] Registers(byte chipId)
    {
        var r = new byte[256];
        r[0xD0] = chipId;
        Little(r, 0x88, DigT1);
        Little(r, 0x8A, (ushort)DigT2);
        Little(r, 0x8C, (ushort)DigT3);
        for (int i = 0; i < DigP.Length; i++)
        {
            Little(r, 0x8E + (2 * i), (ushort)DigP[i]);
        }

        r[0xA1] = DigH1;
        Little(r, 0xE1, (ushort)DigH2);
        r[0xE3] = DigH3;
        r[0xE4] = (byte)(DigH4 >> 4);
        r[0xE5] = (byte)((DigH4 & 0x0F) | ((DigH5 & 0x0F) << 4));
        r[0xE6] = (byte)(DigH5 >> 4);
        r[0xE7] = unchecked((byte)DigH6);

        r[0xF7] = (byte)(AdcP >> 12); // press_msb, lsb, xlsb: 20 bits, left-justified (§4.3.7)
        r[0xF8] = (byte)(AdcP >> 4);
        r[0xF9] = (byte)(AdcP << 4);
        r[0xFA] = (byte)(AdcT >> 12);
        r[0xFB] = (byte)(AdcT >> 4);
        r[0xFC] = (byte)(AdcT << 4);
        r[0xFD] = (byte)(AdcH >> 8);
        r[0xFE] = (byte)AdcH;
        return r;
    }

    public static SimulatedI2cDevice NewChip(byte chipId)
    {
        var device = new SimulatedI2cDevice(0x76);
        Registers(chipId).CopyTo(device.Registers, 0);
        return device;
    }

    /// <summary>BME280 datasheet §8.1, compensate_humidity (double), with t_fine of the temperature example.</summary>
    public static double ExpectedHumidityPercent()
    {
        double var1 = ((AdcT / 16384.0) - (DigT1 / 1024.0)) * DigT2;
        double var2 = ((AdcT / 131072.0) - (DigT1 / 8192.0)) * ((AdcT / 131072.0) - (DigT1 / 8192.0)) * DigT3;
        double tFine = (int)(var1 + var2);
        double h = tFine - 76800.0;
        h = (AdcH - ((DigH4 * 64.0) + (DigH5 / 16384.0 * h)))
            * (DigH2 / 65536.0 * (1.0 + (DigH6 / 67108864.0 * h * (1.0 + (DigH3 / 67108864.0 * h)))));
        h *= 1.0 - (DigH1 * h / 524288.0);
        return Math.Clamp(h, 0, 100);
    }

    private static void Little(byte[] registers, int register, ushort value)
    {
        registers[register] = (byte)value;
        registers[register + 1] = (byte)(value >> 8);
    }
}
