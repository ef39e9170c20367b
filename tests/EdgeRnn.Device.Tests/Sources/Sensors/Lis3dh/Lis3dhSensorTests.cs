using EdgeRnn.Device.Sources.Sensors.Lis3dh;
using EdgeRnn.Device.Tests.Hardware.I2c;
using Iot.Device.Lis3DhAccelerometer;

namespace EdgeRnn.Device.Tests.Sources.Sensors.Lis3dh;

/// <summary>LIS3DH datasheet DocID17530: WHO_AM_I 33h (§8.6), output registers 28h..2Dh, low byte first, 12-bit
/// left-justified in high-resolution mode (§8.16), sensitivity 1/2/4/12 mg per digit (Table 4). The simulated register
/// file has no auto-increment logic, so the burst read at 28h | 80h lands on A8h..ADh, where the tests put the output.</summary>
public class Lis3dhSensorTests
{
    [Fact]
    public void Read_PlusMinus2G_OneMilligPerDigit()
    {
        var chip = NewChip();
        Output(chip, 16000, -16000, 2000); // 1000, -1000, 125 digits
        using var sensor = new Lis3dhSensor(chip);
        var values = new float[3];

        sensor.Read(values);

        Assert.Equal(["accel_x_g", "accel_y_g", "accel_z_g"], sensor.ChannelNames);
        Assert.Equal(1f, values[0], 1e-6f);
        Assert.Equal(-1f, values[1], 1e-6f);
        Assert.Equal(0.125f, values[2], 1e-6f);
    }

    [Theory]
    [InlineData(AccelerationScale.Scale04G, 2f)]
    [InlineData(AccelerationScale.Scale08G, 4f)]
    [InlineData(AccelerationScale.Scale16G, 12f)]
    public void Read_EachScale_UsesTheDatasheetSensitivity(AccelerationScale scale, float milligPerDigit)
    {
        var chip = NewChip();
        Output(chip, 16000, 0, 0);
        using var sensor = new Lis3dhSensor(chip, scale);
        var values = new float[3];

        sensor.Read(values);

        Assert.Equal(milligPerDigit, values[0], 1e-5f);
    }

    [Fact]
    public void Constructor_WrongWhoAmI_ThrowsIOException()
    {
        var chip = new SimulatedI2cDevice(0x19);
        chip.Registers[0x0F] = 0x32; // a LIS331DLH

        var exception = Assert.Throws<IOException>(() => new Lis3dhSensor(chip));

        Assert.Contains("should be 0x33, found 0x32", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Warm_AllocatesNothing()
    {
        using var sensor = new Lis3dhSensor(NewChip());
        var values = new float[3];
        sensor.Read(values);

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                sensor.Read(values);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Dispose_DisposesTheDevice()
    {
        var chip = NewChip();

        new Lis3dhSensor(chip).Dispose();

        Assert.True(chip.IsDisposed);
    }

    private static SimulatedI2cDevice NewChip()
    {
        var chip = new SimulatedI2cDevice(0x19);
        chip.Registers[0x0F] = 0x33;
        return chip;
    }

    private static void Output(SimulatedI2cDevice chip, short x, short y, short z)
    {
        short[] axes = [x, y, z];
        for (int axis = 0; axis < 3; axis++)
        {
            chip.Registers[0xA8 + (2 * axis)] = (byte)axes[axis];
            chip.Registers[0xA9 + (2 * axis)] = (byte)(axes[axis] >> 8);
        }
    }
}
