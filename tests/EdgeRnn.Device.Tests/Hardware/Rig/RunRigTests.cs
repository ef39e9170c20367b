using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Hardware.I2c;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Device.Tests.Persistence;
using EdgeRnn.Device.Tests.Pipeline;
using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Device.Tests.Hardware.Rig;

/// <summary>
/// A whole <c>run</c> on real kernel drivers, as on the board: an MPU-6050 on i2c-stub (/dev/i2c-0, 0x68) read through
/// i2c-dev at a fixed rate, scored by a 6-channel model, its alarm on gpio-sim's ALARM line (/dev/gpiochip0 line 0, named in the spec),
/// watched through gpio-sim's sysfs while the run goes, and released inactive when it ends.
/// </summary>
[Trait("Category", "KernelRig")]
[Collection(nameof(RigDevices))]
public sealed class RunRigTests : IDisposable
{
    private const string AlarmValue = "/sys/devices/platform/gpio-sim.0/gpiochip0/sim_gpio0/value";
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-rig-run-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [RigFact]
    public async Task RunAsync_Mpu6050OnI2cStubWithGpioAlarm_RaisesTheRealLineAndReleasesIt()
    {
        using (var preset = new SmbusI2cDevice(new System.Device.I2c.I2cConnectionSettings(0, 0x68)))
        {
            preset.WriteByteData(0x75, 0x68); // WHO_AM_I
            preset.WriteByteData(0x6B, 0x40); // asleep, as after reset
            preset.WriteByteData(0x3B, 0x40); // accel x = 0x4000 = +1 g
            preset.WriteByteData(0x3C, 0x00);
        }

        string modelPath = Path.Combine(_directory, "imu.ernn");
        SmallModels.Forecaster(channels: 6, names: ["accel_x_g", "accel_y_g", "accel_z_g", "gyro_x_dps", "gyro_y_dps", "gyro_z_dps"]).Save(modelPath);
        var settings = new RunSettings
        {
            ModelPath = modelPath,
            Source = SourceSpec.Parse("i2c:0:0x68:mpu6050"),
            SourceOptions = new SourceOptions { NominalRate = 50 },
            Alarms = [new ConsoleAlarmSpec(), AlarmSpec.Parse("gpio:0:ALARM")],
            Policy = new AlarmOverrides { RaiseThreshold = 0f, MinRaiseSamples = 1 },
            StateDirectory = Path.Combine(_directory, "state"),
            View = StatusView.None,
        };
        var human = new CaptureWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = new RunOutput(human, false, Stream.Null, GpioAlarmLine.Open);
        Task<int> run = DeviceRun.RunAsync(settings, output, stop.Token);

        // Emulated machines are slow to start: up to 60 s for the line to go high.
        for (int i = 0; i < 600 && File.ReadAllText(AlarmValue).Trim() != "1" && !run.IsCompleted; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal("1", File.ReadAllText(AlarmValue).Trim());
        Assert.False(run.IsCompleted, human.Text);
        await stop.CancelAsync();

        Assert.Equal(DeviceRun.Ok, await run.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("0", File.ReadAllText(AlarmValue).Trim());
        Assert.Contains("ALARM RAISED", human.Text, StringComparison.Ordinal);
        Assert.Contains("source: i2c:0:0x68:mpu6050", human.Text, StringComparison.Ordinal);
        Assert.Contains("0 bad frames", human.Text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "state", "state.ersf")));
    }
}
