namespace EdgeRnn.Device.Sensors.Mpu6050;

/// <summary>Accelerometer full-scale range, the AFS_SEL value of ACCEL_CONFIG (RM-MPU-6000A-00 §4.5; sensitivities in
/// PS-MPU-6000A-00 rev 3.4 §6.2).</summary>
internal enum AccelerometerRange
{
    /// <summary>±2 g, 16384 LSB/g.</summary>
    PlusMinus2G = 0,

    /// <summary>±4 g, 8192 LSB/g.</summary>
    PlusMinus4G = 1,

    /// <summary>±8 g, 4096 LSB/g.</summary>
    PlusMinus8G = 2,

    /// <summary>±16 g, 2048 LSB/g.</summary>
    PlusMinus16G = 3,
}
