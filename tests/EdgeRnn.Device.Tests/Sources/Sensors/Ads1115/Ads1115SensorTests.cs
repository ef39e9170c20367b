using EdgeRnn.Device.Sources.Sensors.Ads1115;
using Iot.Device.Ads1115;

namespace EdgeRnn.Device.Tests.Sources.Sensors.Ads1115;

/// <summary>Datasheet values: SBAS444D §9.3.3 (FSR and LSB size), §9.6.3 (Config fields and reset value 8583h).</summary>
public class Ads1115SensorTests
{
    [Fact]
    public void Read_PlusMinus2048MilliVolts_FullScaleCodeIs2Point047937Volts()
    {
        var chip = new SimulatedAds1115();
        chip.InputCodes[0] = 0x7FFF;
        using var sensor = new Ads1115Sensor(chip, dataRate: DataRate.SPS860);
        var values = new float[4];

        sensor.Read(values);

        Assert.Equal(2.047937f, values[0], 1e-6f);
    }

    [Fact]
    public void Read_FourInputs_EachChannelConvertsItsOwnInput()
    {
        var chip = new SimulatedAds1115();
        chip.InputCodes[0] = 0x7FFF;
        chip.InputCodes[1] = 1; // one LSB = 62.5 µV
        chip.InputCodes[2] = 16000; // 1.0 V
        chip.InputCodes[3] = unchecked((short)0x8000); // negative full scale
        using var sensor = new Ads1115Sensor(chip, dataRate: DataRate.SPS860);
        var values = new float[4];

        sensor.Read(values);

        Assert.Equal(2.047937f, values[0], 1e-6f);
        Assert.Equal(62.5e-6f, values[1], 1e-9f);
        Assert.Equal(1.0f, values[2], 1e-6f);
        Assert.Equal(-2.048f, values[3], 1e-6f);
    }

    [Theory]
    [InlineData(0, 6.144f)]
    [InlineData(1, 4.096f)]
    [InlineData(2, 2.048f)]
    [InlineData(3, 1.024f)]
    [InlineData(4, 0.512f)]
    [InlineData(5, 0.256f)]
    public void Read_EachRange_FullScaleCodeIsFsrTimes32767Over32768(int pga, float fullScaleVolts)
    {
        var chip = new SimulatedAds1115();
        chip.InputCodes[0] = short.MaxValue;
        using var sensor = new Ads1115Sensor(chip, (MeasuringRange)pga, DataRate.SPS860);

        float volts = sensor.ReadChannel(0);

        Assert.Equal(fullScaleVolts * 32767f / 32768f, volts, 1e-6f);
        Assert.Equal(pga, (chip.ConfigWrites[^1] >> 9) & 0x7);
    }

    [Fact]
    public void ReadChannel_Ain2AtDefaults_WritesTheResetConfigWithOsAndSingleEndedMux()
    {
        var chip = new SimulatedAds1115();
        using var sensor = new Ads1115Sensor(chip);

        sensor.ReadChannel(2);

        // 8583h with OS = 1 and MUX = 110b (AIN2 against GND): 1110 0101 1000 0011b
        Assert.Equal(0xE583, chip.ConfigWrites[^1]);
    }

    [Fact]
    public void Constructor_ConfigReadsBack_ProbesWithoutStartingAConversion()
    {
        var chip = new SimulatedAds1115();

        using var sensor = new Ads1115Sensor(chip);

        // OS = 0, MUX = 101b (AIN1), PGA = 010b, MODE = 1, DR = 100b, COMP_QUE = 11b
        Assert.Equal(0x5583, chip.ConfigWrites[0]);
    }

    [Fact]
    public void Constructor_DeviceIgnoresWrites_ThrowsIOExceptionWithExpectedAndFound()
    {
        var chip = new SimulatedAds1115 { IgnoresWrites = true }; // holds the reset value 8583h

        var exception = Assert.Throws<IOException>(() => new Ads1115Sensor(chip));

        Assert.Contains("should read back 0x5583", exception.Message, StringComparison.Ordinal);
        Assert.Contains("found 0x8583", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadChannel_ConversionTakesSeveralPolls_WaitsForOs()
    {
        var chip = new SimulatedAds1115 { PollsUntilDone = 3 };
        chip.InputCodes[1] = 8000;
        using var sensor = new Ads1115Sensor(chip, dataRate: DataRate.SPS860);

        Assert.Equal(0.5f, sensor.ReadChannel(1), 1e-6f); // 8000 × 62.5 µV; Conversion is still 0 before OS reads 1
    }

    [Fact]
    public void ReadChannel_ConversionNeverEnds_ThrowsTimeoutException()
    {
        var chip = new SimulatedAds1115();
        using var sensor = new Ads1115Sensor(chip, dataRate: DataRate.SPS860);
        chip.NeverCompletes = true;

        var exception = Assert.Throws<TimeoutException>(() => sensor.ReadChannel(3));

        Assert.Contains("conversion", exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ChannelNames_AreTheFourInputsInVolts()
    {
        using var sensor = new Ads1115Sensor(new SimulatedAds1115());

        Assert.Equal(["ain0_v", "ain1_v", "ain2_v", "ain3_v"], sensor.ChannelNames);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void ReadChannel_OutsideAin0ToAin3_Throws(int channel)
    {
        using var sensor = new Ads1115Sensor(new SimulatedAds1115());

        Assert.Throws<ArgumentOutOfRangeException>(() => sensor.ReadChannel(channel));
    }

    [Fact]
    public void Read_Warm_AllocatesNothing()
    {
        var chip = new SimulatedAds1115();
        using var sensor = new Ads1115Sensor(chip, dataRate: DataRate.SPS860);
        var values = new float[4];
        sensor.Read(values);
        chip.ConfigWrites.Capacity = 1000; // the simulator's own log must not allocate during the measurement

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                sensor.Read(values);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void FullScaleVolts_DatasheetLsbSizes()
    {
        Assert.Equal(187.5e-6f, Ads1115Sensor.FullScaleVolts(MeasuringRange.FS6144) / 32768f, 1e-10f);
        Assert.Equal(7.8125e-6f, Ads1115Sensor.FullScaleVolts(MeasuringRange.FS0256) / 32768f, 1e-11f);
    }
}
