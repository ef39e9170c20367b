namespace EdgeRnn.Device.Sensors.Mpu6050;

/// <summary>Gyroscope full-scale range, the FS_SEL value of GYRO_CONFIG (RM-MPU-6000A-00 §4.4; sensitivities in
/// PS-MPU-6000A-00 rev 3.4 §6.1).</summary>
internal enum GyroscopeRange
{
    /// <summary>±250 °/s, 131 LSB/(°/s).</summary>
    PlusMinus250Dps = 0,

    /// <summary>±500 °/s, 65.5 LSB/(°/s).</summary>
    PlusMinus500Dps = 1,

    /// <summary>±1000 °/s, 32.8 LSB/(°/s).</summary>
    PlusMinus1000Dps = 2,

    /// <summary>±2000 °/s, 16.4 LSB/(°/s).</summary>
    PlusMinus2000Dps = 3,
}
