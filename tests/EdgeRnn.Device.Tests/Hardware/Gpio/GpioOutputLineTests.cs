using System.Device.Gpio;
using EdgeRnn.Device.Hardware.Gpio;

namespace EdgeRnn.Device.Tests.Hardware.Gpio;

public class GpioOutputLineTests
{
    [Fact]
    public void Set_ActiveThenInactive_DrivesHighThenLow()
    {
        var driver = new FakeGpioDriver();
        using var line = new GpioOutputLine(new GpioController(driver), 3, activeLow: false, shouldDispose: true);
        Assert.Equal(PinValue.Low, driver.Values[3]);

        line.Set(true);
        Assert.Equal(PinValue.High, driver.Values[3]);
        Assert.True(line.IsActive);

        line.Set(false);
        Assert.Equal(PinValue.Low, driver.Values[3]);
        Assert.False(line.IsActive);
    }

    [Fact]
    public void Set_ActiveLow_StartsHighAndDrivesLowWhenActive()
    {
        var driver = new FakeGpioDriver();
        using var line = new GpioOutputLine(new GpioController(driver), 2, activeLow: true, shouldDispose: true);
        Assert.Equal([(2, PinValue.High)], driver.Writes); // inactive from the first moment: no low glitch

        line.Set(true);

        Assert.Equal(PinValue.Low, driver.Values[2]);
    }

    [Fact]
    public void Dispose_ActiveLine_DrivesInactiveThenReleases()
    {
        var driver = new FakeGpioDriver();
        var line = new GpioOutputLine(new GpioController(driver), 3, activeLow: false, shouldDispose: true);
        line.Set(true);

        line.Dispose();

        Assert.Equal((3, PinValue.Low), driver.Writes[^1]);
        Assert.False(driver.IsOpen(3));
        Assert.True(driver.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => line.Set(true));
    }

    [Fact]
    public void Dispose_SharedController_LeavesItOpen()
    {
        var driver = new FakeGpioDriver();
        using var controller = new GpioController(driver);

        new GpioOutputLine(controller, 0, activeLow: true, shouldDispose: false).Dispose();

        Assert.False(driver.IsDisposed);
    }

    [Fact]
    public void Constructor_LineAlreadyHeld_Throws()
    {
        using var controller = new GpioController(new FakeGpioDriver());
        using var first = new GpioOutputLine(controller, 1, activeLow: false, shouldDispose: false);

        Assert.Throws<InvalidOperationException>(() => new GpioOutputLine(controller, 1, activeLow: false, shouldDispose: false));
    }

    [Theory]
    [InlineData("/dev/gpiochip0", 0)]
    [InlineData("/dev/gpiochip12", 12)]
    public void ChipNumber_GpiochipPath_IsItsNumber(string path, int expected) =>
        Assert.Equal(expected, GpioControllers.ChipNumber(path));

    [Fact]
    public void ChipNumber_NotAGpioChip_ThrowsIOException() =>
        Assert.Throws<IOException>(() => GpioControllers.ChipNumber("/dev/null"));
}
