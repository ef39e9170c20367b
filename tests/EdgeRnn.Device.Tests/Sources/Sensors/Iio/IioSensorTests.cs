using System.Globalization;
using EdgeRnn.Device.Sources.Sensors.Iio;

namespace EdgeRnn.Device.Tests.Sources.Sensors.Iio;

/// <summary>A fake sysfs tree of real files, laid out as Documentation/ABI/testing/sysfs-bus-iio describes.</summary>
public sealed class IioSensorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("edgernn-iio-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Open_AllChannels_DiscoversEveryRawAttributeInOrdinalOrder()
    {
        string device = NewDevice("iio:device0", "ads1015");
        Write(device, "in_voltage0_raw", "1");
        Write(device, "in_voltage1_raw", "2");
        Write(device, "in_temp_raw", "3");
        Write(device, "in_accel_x_raw", "4");
        Write(device, "in_voltage_scale", "1.0");
        Write(device, "sampling_frequency", "128");

        using var sensor = IioSensor.Open("iio:device0", root: _root);

        Assert.Equal(["accel_x", "temp", "voltage0", "voltage1"], sensor.ChannelNames);
        Assert.Equal(4, sensor.ChannelCount);
    }

    [Fact]
    public void Read_SharedTypeScale_MultipliesRaw()
    {
        string device = NewDevice("iio:device0", "ads1015");
        Write(device, "in_voltage0_raw", "1000\n");
        Write(device, "in_voltage_scale", "0.125000000\n"); // mV per LSB

        using var sensor = IioSensor.Open("iio:device0", ["voltage0"], _root);
        var values = new float[1];
        sensor.Read(values);

        Assert.Equal(125f, values[0], 1e-4f);
    }

    [Fact]
    public void Read_ChannelScaleAndOffset_AppliesRawPlusOffsetTimesScale()
    {
        string device = NewDevice("iio:device1", "bmp280");
        Write(device, "in_temp_raw", "-1000\n");
        Write(device, "in_temp_offset", "3000\n");
        Write(device, "in_temp_scale", "10\n");
        Write(device, "in_accel_scale", "99"); // another type's shared scale must not apply

        using var sensor = IioSensor.Open("1", ["temp"], _root);
        var values = new float[1];
        sensor.Read(values);

        Assert.Equal((-1000 + 3000) * 10f, values[0]);
    }

    [Fact]
    public void Read_ChannelScaleOverridesSharedScale()
    {
        string device = NewDevice("iio:device0", "mpu6050");
        Write(device, "in_accel_x_raw", "-512");
        Write(device, "in_accel_y_raw", "512");
        Write(device, "in_accel_scale", "0.000598");
        Write(device, "in_accel_y_scale", "2");

        using var sensor = IioSensor.Open("mpu6050", root: _root);
        var values = new float[2];
        sensor.Read(values);

        Assert.Equal(-512 * 0.000598f, values[0], 1e-6f);
        Assert.Equal(1024f, values[1]);
    }

    [Fact]
    public void Read_NoScaleOrOffset_ReturnsRaw()
    {
        string device = NewDevice("iio:device0", "adc");
        Write(device, "in_voltage3_raw", "4095");

        using var sensor = IioSensor.Open("iio:device0", root: _root);
        var values = new float[1];
        sensor.Read(values);

        Assert.Equal(4095f, values[0]);
    }

    [Fact]
    public void Read_FileChangesBetweenReads_SeesTheNewValueThroughTheOpenHandle()
    {
        string device = NewDevice("iio:device0", "adc");
        Write(device, "in_voltage0_raw", "12345\n");
        using var sensor = IioSensor.Open("iio:device0", root: _root);
        var values = new float[1];
        sensor.Read(values);

        Write(device, "in_voltage0_raw", "7\n");
        sensor.Read(values);

        Assert.Equal(7f, values[0]);
    }

    [Fact]
    public void Read_RawIsNotAnInteger_ThrowsIOExceptionWithPathAndText()
    {
        string device = NewDevice("iio:device0", "adc");
        Write(device, "in_voltage0_raw", "12.5\n");
        using var sensor = IioSensor.Open("iio:device0", root: _root);

        var exception = Assert.Throws<IOException>(() => sensor.Read(new float[1]));

        Assert.Contains("in_voltage0_raw", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'12.5'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ScaleIsNotANumber_ThrowsIOException()
    {
        string device = NewDevice("iio:device0", "adc");
        Write(device, "in_voltage0_raw", "1");
        Write(device, "in_voltage_scale", "fast");

        var exception = Assert.Throws<IOException>(() => IioSensor.Open("iio:device0", root: _root));

        Assert.Contains("in_voltage_scale", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UnknownDevice_ListsTheDevicesFound()
    {
        NewDevice("iio:device0", "ads1015");

        var exception = Assert.Throws<IOException>(() => IioSensor.Open("bme280", root: _root));

        Assert.Contains("iio:device0 (ads1015)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UnknownChannel_ListsTheChannelsFound()
    {
        string device = NewDevice("iio:device0", "ads1015");
        Write(device, "in_voltage0_raw", "1");

        var exception = Assert.Throws<IOException>(() => IioSensor.Open("iio:device0", ["voltage9"], _root));

        Assert.Contains("[voltage0]", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("voltage0", "voltage")]
    [InlineData("accel_x", "accel")]
    [InlineData("temp", "temp")]
    [InlineData("voltage0-voltage1", "voltage-voltage")]
    [InlineData("anglvel_z", "anglvel")]
    public void SharedTypeName_StripsIndexAndModifier(string id, string expected)
    {
        Assert.Equal(expected, IioChannelDiscovery.SharedTypeName(id));
    }

    [Fact]
    public void Read_Warm_AllocatesNothing()
    {
        string device = NewDevice("iio:device0", "adc");
        for (int i = 0; i < 4; i++)
        {
            Write(device, string.Create(CultureInfo.InvariantCulture, $"in_voltage{i}_raw"), "100\n");
        }

        Write(device, "in_voltage_scale", "0.5");
        using var sensor = IioSensor.Open("iio:device0", root: _root);
        var values = new float[4];
        sensor.Read(values);

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                sensor.Read(values);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal([50f, 50f, 50f, 50f], values);
    }

    private string NewDevice(string directoryName, string name)
    {
        string device = Path.Combine(_root, directoryName);
        Directory.CreateDirectory(device);
        Write(device, "name", name + "\n");
        return device;
    }

    private static void Write(string device, string file, string content) => File.WriteAllText(Path.Combine(device, file), content);
}
