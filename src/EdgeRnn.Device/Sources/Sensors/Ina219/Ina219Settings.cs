using Iot.Device.Adc;

namespace EdgeRnn.Device.Sources.Sensors.Ina219;

/// <summary>How an INA219 is wired and scaled.</summary>
/// <param name="ShuntOhms">The shunt resistor, in Ω (0.1 on the common breakouts).</param>
/// <param name="CurrentLsbAmperes">Amperes per count of the Current register; at least the largest expected current / 2^15
/// (§8.5.1, Equation 2).</param>
/// <param name="BusVoltageRange">16 V or 32 V full scale.</param>
/// <param name="ShuntRange">The shunt amplifier's range, ±40 to ±320 mV.</param>
internal sealed record Ina219Settings(
    double ShuntOhms,
    double CurrentLsbAmperes,
    Ina219BusVoltageRange BusVoltageRange,
    Ina219PgaSensitivity ShuntRange)
{
    /// <summary>A 0.1 Ω breakout at the chip's reset ranges (32 V, ±320 mV, so up to 3.2 A), 100 µA per count:
    /// Calibration 4096.</summary>
    public static Ina219Settings Default { get; } =
        new(0.1, 100e-6, Ina219BusVoltageRange.Range32v, Ina219PgaSensitivity.PlusOrMinus320mv);

    /// <summary>Cal = trunc(0.04096 / (Current_LSB × R_SHUNT)) (§8.5.1, Equation 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result does not fit the 16-bit register.</exception>
    public ushort Calibration
    {
        get
        {
            // A hair above 1: an exact quotient that floating point computes a rounding error low (0.04096 / 2e-6) must not
            // be truncated one short.
            double calibration = Math.Floor(0.04096 / (CurrentLsbAmperes * ShuntOhms) * (1 + 1e-12));
            return calibration is >= 1 and <= 0xFFFE
                ? (ushort)calibration
                : throw new ArgumentOutOfRangeException(
                    nameof(CurrentLsbAmperes), calibration, "expected a Calibration value of 1..65534: choose another current LSB");
        }
    }
}
