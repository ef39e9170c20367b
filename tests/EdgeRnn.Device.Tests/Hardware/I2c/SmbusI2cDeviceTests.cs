using EdgeRnn.Device.Hardware;
using System.Device.I2c;
using EdgeRnn.Device.Hardware.I2c;

namespace EdgeRnn.Device.Tests.Hardware.I2c;

/// <summary>Error paths of the real i2c-dev device that need no I2C hardware (the rig tests cover the rest).</summary>
public sealed class SmbusI2cDeviceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-i2c-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Constructor_MissingDeviceFile_ThrowsWithErrnoAndPath()
    {
        string path = Path.Combine(_directory, "i2c-7");

        var exception = Assert.Throws<HardwareIOException>(() => new SmbusI2cDevice(new I2cConnectionSettings(7, 0x68), path));

        Assert.Equal(2, exception.Errno);
        Assert.Equal(path, exception.DevicePath);
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("errno 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FileThatIsNotAnI2cBus_ThrowsNotATypewriterFromI2cFuncs()
    {
        string path = Path.Combine(_directory, "not-a-bus");
        File.WriteAllBytes(path, [0]);

        var exception = Assert.Throws<HardwareIOException>(() => new SmbusI2cDevice(new I2cConnectionSettings(1, 0x68), path));

        Assert.Equal(25, exception.Errno); // ENOTTY: the ioctl does not apply to a regular file
        Assert.Contains("I2C_FUNCS", exception.Message, StringComparison.Ordinal);
    }
}
