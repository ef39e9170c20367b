using EdgeRnn.Device.Sources.Sensors.Ina219;
using EdgeRnn.Device.Tests.Hardware.I2c;
using Iot.Device.Adc;

namespace EdgeRnn.Device.Tests.Sources.Sensors.Ina219;

/// <summary>The INA219 datasheet's worked example (SBOS448G §8.5.2, Table 3 "Configure/Measure/Calculate Example": 10 A
/// load, 12 V common mode, R_SHUNT = 2 mΩ, ±40 mV shunt range, 16 V bus range): Calibration 5000h = 20480 for a 1 mA
/// current LSB; Shunt 07D0h = 20 mV, Bus 5D98h = 11.98 V, Current 2710h = 10.0 A, Power 1766h = 119.8 W.</summary>
public class Ina219SensorTests
{
    internal static Ina219Settings DatasheetExample { get; } =
        new(0.002, 0.001, Ina219BusVoltageRange.Range16v, Ina219PgaSensitivity.PlusOrMinus40mv);

    [Fact]
    public void Calibration_DatasheetExample_Is20480()
    {
        Assert.Equal(20480, DatasheetExample.Calibration);
        Assert.Equal(4096, Ina219Settings.Default.Calibration); // 0.04096 / (100 µA × 0.1 Ω)
    }

    [Fact]
    public void Read_DatasheetExample_Is11Point98Volts20Millivolts10AmperesAnd119Point8Watts()
    {
        var chip = ExampleChip();
        using var sensor = new Ina219Sensor(chip, DatasheetExample);
        var values = new float[4];

        sensor.Read(values);

        Assert.Equal(["bus_v", "shunt_mv", "current_a", "power_w"], sensor.ChannelNames);
        Assert.Equal(11.98f, values[0], 1e-4f);
        Assert.Equal(20f, values[1], 1e-4f);
        Assert.Equal(10f, values[2], 1e-4f);
        Assert.Equal(119.8f, values[3], 1e-3f);
        Assert.Equal(0x5000, chip.Registers[0x05]);
    }

    [Fact]
    public void Constructor_DatasheetExample_ConfiguresRangesAsTable3()
    {
        var chip = ExampleChip();

        using var sensor = new Ina219Sensor(chip, DatasheetExample);

        Assert.Equal(0, chip.Registers[0x00] & 0x2000); // BRNG = 0: 16 V
        Assert.Equal(0, chip.Registers[0x00] & 0x1800); // PG = 00: ±40 mV
        Assert.Contains((byte)0x00, chip.Writes.Select(w => w.Register)); // reset written first
        Assert.Equal((0x00, 0x8000), chip.Writes[0]);
    }

    [Fact]
    public void Constructor_CalibrationDoesNotReadBack_ThrowsIOException()
    {
        var chip = new IgnoringWrites();

        var exception = Assert.Throws<IOException>(() => new Ina219Sensor(chip, Ina219Settings.Default));

        Assert.Contains("should read back 0x1000", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Warm_AllocatesNothing()
    {
        using var sensor = new Ina219Sensor(ExampleChip(), DatasheetExample);
        var values = new float[4];
        sensor.Read(values);

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
    public void Dispose_DisposesTheDevice()
    {
        var chip = ExampleChip();

        new Ina219Sensor(chip, DatasheetExample).Dispose();

        Assert.True(chip.IsDisposed);
    }

    private static SimulatedWordRegisters ExampleChip()
    {
        var chip = new SimulatedWordRegisters(0x40);
        chip.Registers[0x01] = 0x07D0;
        chip.Registers[0x02] = 0x5D98;
        chip.Registers[0x04] = 0x2710;
        chip.Registers[0x03] = 0x1766;
        chip.Writes.Capacity = 1000;
        return chip;
    }

    private sealed class IgnoringWrites : System.Device.I2c.I2cDevice
    {
        public override System.Device.I2c.I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x40);

        public override byte ReadByte() => 0;

        public override void Read(Span<byte> buffer) => buffer.Clear();

        public override void WriteByte(byte value)
        {
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
        }

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => readBuffer.Clear();
    }
}
