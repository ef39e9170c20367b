using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Sensors;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Device.Tests.Alarms;
using EdgeRnn.Device.Tests.Persistence;

namespace EdgeRnn.Device.Tests.Pipeline;

/// <summary>A run on an i2c: source whose bus fails for a while: each read is retried, the failed samples are held, a
/// sensor-fault alarm is raised on the alarm line and cleared when the bus recovers (the same path as on the board, with a
/// simulated sensor; the kernel-rig tests run it on the real i2c-dev driver).</summary>
public sealed class SensorRunTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-sensor-run-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task RunAsync_BusFailsForFiftyReads_RetriedThenSensorFaultOnTheLineThenRecovered()
    {
        string modelPath = Path.Combine(_directory, "model.ernn");
        SmallModels.Forecaster(channels: 2, names: ["x", "y"]).Save(modelPath);
        var settings = new RunSettings
        {
            ModelPath = modelPath,
            Source = SourceSpec.Parse("i2c:1:0x68:mpu6050"),
            SourceOptions = new SourceOptions { NominalRate = 2000, SensorRetry = (2, TimeSpan.Zero) },
            Alarms = [new EdgeRnn.Device.Alarms.ConsoleAlarmSpec(), new EdgeRnn.Device.Alarms.GpioAlarmSpec(new EdgeRnn.Device.Hardware.Gpio.GpioLineSpec("/dev/gpiochip0", 17, null, false))],
            MaxSamples = 200,
            View = StatusView.None,
        };
        var sensor = new FailingSensor(from: 60, count: 3 * 50);
        var line = new FakeAlarmLine();
        var human = new CaptureWriter();

        int exit = await DeviceRun.RunAsync(
            settings,
            new RunOutput(human, false, Stream.Null, _ => line),
            new SensorSampleSource(settings.Source.Text, sensor, settings.SourceOptions.NominalRate, settings.SourceOptions.SensorRetry, human),
            Sources.Eventually.Limit());

        Assert.Equal(DeviceRun.Ok, exit);
        string text = human.Text;
        Assert.Contains("read failed after 3 attempts (1 in a row), holding the last values: bus error", text, StringComparison.Ordinal);
        Assert.Contains("SENSOR FAULT sample 69", text, StringComparison.Ordinal);
        Assert.Contains("sensor recovered sample 109", text, StringComparison.Ordinal);
        Assert.Contains("50 samples with NaN/inf", text, StringComparison.Ordinal);
        Assert.Contains(true, line.Levels);
        Assert.False(line.Levels[^1]);
        Assert.True(sensor.Disposed);
    }

    /// <summary>Reads n (1-based) give (n, -n) except that reads from..from+count-1 throw an I/O error.</summary>
    private sealed class FailingSensor(int from, int count) : ISensor
    {
        private int _reads;

        public bool Disposed { get; private set; }

        public int ChannelCount => 2;

        public IReadOnlyList<string> ChannelNames { get; } = ["x", "y"];

        public void Read(Span<float> values)
        {
            _reads++;
            if (_reads >= from && _reads < from + count)
            {
                throw new IOException("bus error");
            }

            values[0] = _reads % 10;
            values[1] = -(_reads % 7);
        }

        public void Dispose() => Disposed = true;
    }
}
