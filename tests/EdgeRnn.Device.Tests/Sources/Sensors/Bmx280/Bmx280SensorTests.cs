using EdgeRnn.Device.Sources.Sensors.Bmx280;
using EdgeRnn.Device.Tests.Hardware.I2c;

namespace EdgeRnn.Device.Tests.Sources.Sensors.Bmx280;

/// <summary>The BMP280 datasheet's worked example (BST-BMP280-DS001 §3.12: dig_T1..dig_P9, adc_T = 519888,
/// adc_P = 415148 give 25.08 °C and 100653.27 Pa), which the BME280 shares (BST-BME280-DS002 §4.2.3); humidity against
/// the BME280 datasheet's floating-point formula (§8.1) evaluated here.</summary>
public class Bmx280SensorTests
{
    [Fact]
    public void Read_Bmp280DatasheetExample_Is25Point08CelsiusAnd1006Point5327Hectopascals()
    {
        var device = Bmx280Example.NewChip(Bmx280Sensor.Bmp280ChipId);
        using var sensor = new Bmx280Sensor(device, withHumidity: false);
        var values = new float[2];

        sensor.Read(values);

        Assert.Equal(["temperature_c", "pressure_hpa"], sensor.ChannelNames);
        Assert.Equal(25.08f, values[0], 0.005f);
        Assert.Equal(1006.5327f, values[1], 0.001f);
    }

    [Fact]
    public void Read_Bme280_AddsHumidityByTheDatasheetFormula()
    {
        var device = Bmx280Example.NewChip(Bmx280Sensor.Bme280ChipId);
        using var sensor = new Bmx280Sensor(device, withHumidity: true);
        var values = new float[3];

        sensor.Read(values);

        Assert.Equal(["temperature_c", "pressure_hpa", "humidity_pct"], sensor.ChannelNames);
        Assert.Equal(25.08f, values[0], 0.005f);
        Assert.Equal(1006.5327f, values[1], 0.001f);
        Assert.Equal((float)Bmx280Example.ExpectedHumidityPercent(), values[2], 0.05f);
    }

    [Fact]
    public void Constructor_NormalModeAndOversampling_WritesCtrlMeas()
    {
        var device = Bmx280Example.NewChip(Bmx280Sensor.Bme280ChipId);

        using var sensor = new Bmx280Sensor(device, withHumidity: true);

        Assert.Equal(0b010_010_11, device.Registers[0xF4]); // osrs_t = ×2, osrs_p = ×2, mode = normal (§5.4.5)
        Assert.Equal(0b010, device.Registers[0xF2] & 0b111); // osrs_h = ×2 (§5.4.3)
    }

    [Fact]
    public void Constructor_Bme280AskedBmp280Found_ThrowsNamingBoth()
    {
        var device = Bmx280Example.NewChip(Bmx280Sensor.Bmp280ChipId);

        var exception = Assert.Throws<IOException>(() => new Bmx280Sensor(device, withHumidity: true));

        Assert.Contains("should be 0x60, found 0x58", exception.Message, StringComparison.Ordinal);
        Assert.Contains("BMP280", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Warm_AllocatesNothing()
    {
        using var sensor = new Bmx280Sensor(Bmx280Example.NewChip(Bmx280Sensor.Bme280ChipId), withHumidity: true);
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
        var device = Bmx280Example.NewChip(Bmx280Sensor.Bme280ChipId);

        new Bmx280Sensor(device, withHumidity: true).Dispose();

        Assert.True(device.IsDisposed);
    }
}
