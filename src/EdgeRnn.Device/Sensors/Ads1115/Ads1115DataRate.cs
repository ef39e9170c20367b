namespace EdgeRnn.Device.Sensors.Ads1115;

/// <summary>Conversion rate, DR[2:0] of the Config register (SBAS444D §9.6.3). A single-shot conversion takes 1/rate.</summary>
internal enum Ads1115DataRate
{
    /// <summary>8 samples per second.</summary>
    Sps8 = 0,

    /// <summary>16 samples per second.</summary>
    Sps16 = 1,

    /// <summary>32 samples per second.</summary>
    Sps32 = 2,

    /// <summary>64 samples per second.</summary>
    Sps64 = 3,

    /// <summary>128 samples per second (the reset default).</summary>
    Sps128 = 4,

    /// <summary>250 samples per second.</summary>
    Sps250 = 5,

    /// <summary>475 samples per second.</summary>
    Sps475 = 6,

    /// <summary>860 samples per second.</summary>
    Sps860 = 7,
}
