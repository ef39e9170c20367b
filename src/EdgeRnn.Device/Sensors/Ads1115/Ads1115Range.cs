namespace EdgeRnn.Device.Sensors.Ads1115;

/// <summary>Programmable gain amplifier setting: the full-scale range, PGA[2:0] of the Config register (SBAS444D
/// §9.6.3; LSB sizes in §9.3.3, Table 3: LSB = FSR / 2^15).</summary>
internal enum Ads1115Range
{
    /// <summary>±6.144 V, 187.5 µV/LSB (the input must still stay within GND..VDD + 0.3 V).</summary>
    PlusMinus6144MilliVolts = 0,

    /// <summary>±4.096 V, 125 µV/LSB.</summary>
    PlusMinus4096MilliVolts = 1,

    /// <summary>±2.048 V, 62.5 µV/LSB (the reset default).</summary>
    PlusMinus2048MilliVolts = 2,

    /// <summary>±1.024 V, 31.25 µV/LSB.</summary>
    PlusMinus1024MilliVolts = 3,

    /// <summary>±0.512 V, 15.625 µV/LSB.</summary>
    PlusMinus512MilliVolts = 4,

    /// <summary>±0.256 V, 7.8125 µV/LSB.</summary>
    PlusMinus256MilliVolts = 5,
}
