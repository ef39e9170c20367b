using System.Net;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Network;
using EdgeRnn.Device.Sources.Simulation;
using EdgeRnn.Device.Sources.Specs;

namespace EdgeRnn.Device.Tests.Sources.Specs;

public class SourceSpecTests
{
    [Fact]
    public void Parse_Csv_KeepsThePath()
    {
        var spec = Assert.IsType<CsvFileSourceSpec>(SourceSpec.Parse("csv:data/pump run.csv"));

        Assert.Equal("data/pump run.csv", spec.Path);
    }

    [Theory]
    [InlineData("stdin")]
    [InlineData("STDIN")]
    [InlineData("-")]
    public void Parse_Stdin_GivesStdinSpec(string text)
    {
        Assert.IsType<StdinSourceSpec>(SourceSpec.Parse(text));
    }

    [Fact]
    public void Parse_TcpWithFormat_GivesEndPointAndFormat()
    {
        var spec = Assert.IsType<TcpSourceSpec>(SourceSpec.Parse("tcp://127.0.0.1:9000?format=binary"));

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9000), spec.EndPoint);
        Assert.Equal(FrameFormat.Binary, spec.Format);
    }

    [Fact]
    public void Parse_UdpLocalhostAndIpv6_GiveEndPoints()
    {
        var udp = Assert.IsType<UdpSourceSpec>(SourceSpec.Parse("udp://localhost:0"));
        var v6 = Assert.IsType<TcpSourceSpec>(SourceSpec.Parse("tcp://[::1]:9001?format=csv"));

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 0), udp.EndPoint);
        Assert.Equal(FrameFormat.Auto, udp.Format);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 9001), v6.EndPoint);
        Assert.Equal(FrameFormat.Csv, v6.Format);
    }

    [Fact]
    public void Parse_SimWithEverySetting_GivesPumpSettings()
    {
        var spec = Assert.IsType<SimSourceSpec>(SourceSpec.Parse(
            "sim:pump?seed=7&rate=50&count=1000&speed=max&fault=spike@600,drift@100+50:current&fault=gap@900"));

        Assert.Equal(7UL, spec.Settings.Seed);
        Assert.Equal(50, spec.Settings.Rate);
        Assert.Equal(1000, spec.Settings.Count);
        Assert.Equal(0, spec.Settings.Speed);
        Assert.Equal(
            [new PumpFault(PumpFaultKind.Spike, 600, 3, 0), new PumpFault(PumpFaultKind.Drift, 100, 50, 2),
             new PumpFault(PumpFaultKind.Gap, 900, 100, -1)],
            spec.Settings.Faults);
    }

    [Fact]
    public void Parse_SimDefaults_RealTimeEndless()
    {
        var spec = Assert.IsType<SimSourceSpec>(SourceSpec.Parse("sim:pump"));

        Assert.Equal(1, spec.Settings.Speed);
        Assert.Null(spec.Settings.Count);
        Assert.Empty(spec.Settings.Faults);
    }

    [Theory]
    [InlineData("i2c:1:0x68:mpu6050", 1, 0x68, "mpu6050")]
    [InlineData("i2c:0:72:ADS1115", 0, 72, "ads1115")]
    public void Parse_I2c_GivesBusAddressAndDriver(string text, int bus, int address, string driver)
    {
        var spec = Assert.IsType<I2cSourceSpec>(SourceSpec.Parse(text));

        Assert.Equal(bus, spec.Bus);
        Assert.Equal(address, spec.Address);
        Assert.Equal(driver, spec.Driver);
    }

    [Fact]
    public void Parse_Iio_KeepsTheDeviceName()
    {
        var spec = Assert.IsType<IioSourceSpec>(SourceSpec.Parse("iio:iio:device0"));

        Assert.Equal("iio:device0", spec.Device);
    }

    [Theory]
    [InlineData("file.csv", "expected csv:<path>, stdin, tcp://host:port, udp://host:port, sim:<profile>, i2c:<bus>:<address>:<driver> or iio:<device>; found 'file.csv'")]
    [InlineData("csv:", "found 'csv:'")]
    [InlineData("tcp://127.0.0.1", "expected tcp://<ip address>:<port 0-65535>")]
    [InlineData("tcp://pump.local:9000", "found 'tcp://pump.local:9000'")]
    [InlineData("udp://127.0.0.1:70000", "expected udp://<ip address>:<port 0-65535>")]
    [InlineData("tcp://127.0.0.1:9000?format=json", "expected format=csv, binary or auto")]
    [InlineData("tcp://127.0.0.1:9000?speed=2", "found 'speed=2'")]
    [InlineData("sim:boiler", "expected the simulated profile 'pump'")]
    [InlineData("sim:pump?rate=0", "expected rate above 0 Hz")]
    [InlineData("sim:pump?seed=-1", "expected seed to be an integer 0 or more")]
    [InlineData("sim:pump?fault=leak@5", "Expected a fault as kind@start[+length][:channel]")]
    [InlineData("sim:pump?fault=spike@5:pressure", "Expected a pump channel")]
    [InlineData("i2c:1:0x68", "expected i2c:<bus>:<address>:<driver>")]
    [InlineData("i2c:1:0x80:mpu6050", "expected a 7-bit I2C address 0x03..0x77")]
    [InlineData("i2c:1:0x44:sht31", "expected the driver mpu6050 or ads1115 or bme280")]
    public void Parse_InvalidSpec_SaysWhatWasExpectedAndFound(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => SourceSpec.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_I2cOnAMissingBus_OpensTheBusAndSaysWhichDevice()
    {
        SourceSpec spec = SourceSpec.Parse("i2c:250:0x68:mpu6050");

        var error = Assert.ThrowsAny<IOException>(() => SampleSources.Create(spec, new SourceOptions(), TextWriter.Null));

        Assert.Contains("/dev/i2c-250", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_IioOnAMissingDevice_LooksForTheDeviceAndSaysWhatWasFound()
    {
        SourceSpec spec = SourceSpec.Parse("iio:edgernn-no-such-device");

        var error = Assert.ThrowsAny<IOException>(() => SampleSources.Create(spec, new SourceOptions(), TextWriter.Null));

        Assert.Contains("IIO device 'edgernn-no-such-device' not found", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max", 0)]
    [InlineData("MAX", 0)]
    [InlineData("0", 0)]
    [InlineData("2.5", 2.5)]
    public void ParseSpeed_FactorOrMax_GivesFactor(string text, double expected)
    {
        Assert.Equal(expected, SourceSpec.ParseSpeed(text));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("fast")]
    [InlineData("NaN")]
    public void ParseSpeed_Invalid_SaysWhatWasExpected(string text)
    {
        var error = Assert.Throws<FormatException>(() => SourceSpec.ParseSpeed(text));

        Assert.Contains("expected speed", error.Message, StringComparison.Ordinal);
    }
}
