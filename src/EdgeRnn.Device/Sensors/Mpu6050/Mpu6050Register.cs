namespace EdgeRnn.Device.Sensors.Mpu6050;

/// <summary>MPU-6050 registers used by the driver (RM-MPU-6000A-00 rev 4.2, section 3 "Register Map").</summary>
internal static class Mpu6050Register
{
    /// <summary>Register 27, GYRO_CONFIG: FS_SEL in bits 4:3 (§4.4).</summary>
    public const byte GyroConfig = 0x1B;

    /// <summary>Register 28, ACCEL_CONFIG: AFS_SEL in bits 4:3 (§4.5).</summary>
    public const byte AccelConfig = 0x1C;

    /// <summary>Register 59, ACCEL_XOUT_H: first of the 14 big-endian measurement bytes 0x3B..0x48, accelerometer
    /// x/y/z (§4.17), temperature (§4.18), gyroscope x/y/z (§4.19).</summary>
    public const byte AccelXOutHigh = 0x3B;

    /// <summary>Register 107, PWR_MGMT_1: DEVICE_RESET bit 7, SLEEP bit 6, CLKSEL bits 2:0; reset value 0x40 = asleep (§4.28).</summary>
    public const byte PowerManagement1 = 0x6B;

    /// <summary>Register 117, WHO_AM_I: 0x68 whatever the AD0 pin (§4.32).</summary>
    public const byte WhoAmI = 0x75;

    /// <summary>The WHO_AM_I value of an MPU-6050 (bits 6:1 = 0b110100).</summary>
    public const byte ExpectedWhoAmI = 0x68;

    /// <summary>Bytes from ACCEL_XOUT_H (0x3B) to GYRO_ZOUT_L (0x48).</summary>
    public const int MeasurementLength = 14;
}
