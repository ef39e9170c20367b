using EdgeRnn.Device.Hardware;
using EdgeRnn.Device.Hardware.Gpio;

namespace EdgeRnn.Device.Tests.Hardware.Gpio;

/// <summary>Error paths of the real GPIO character device that need no GPIO chip (the rig tests cover the rest).</summary>
public sealed class GpioChipTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-gpio-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Constructor_MissingChip_ThrowsWithErrnoAndPath()
    {
        string path = Path.Combine(_directory, "gpiochip9");

        var exception = Assert.Throws<HardwareIOException>(() => new GpioChip(path));

        Assert.Equal(2, exception.Errno);
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FileThatIsNotAGpioChip_ThrowsFromTheChipInfoIoctl()
    {
        string path = Path.Combine(_directory, "not-a-chip");
        File.WriteAllBytes(path, [0]);

        var exception = Assert.Throws<HardwareIOException>(() => new GpioChip(path));

        Assert.Equal(25, exception.Errno); // ENOTTY
        Assert.Contains("GPIO_GET_CHIPINFO_IOCTL", exception.Message, StringComparison.Ordinal);
    }
}
