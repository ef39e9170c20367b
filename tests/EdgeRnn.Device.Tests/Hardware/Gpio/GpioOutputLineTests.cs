using EdgeRnn.Device.Hardware.Gpio;

namespace EdgeRnn.Device.Tests.Hardware.Gpio;

public class GpioOutputLineTests
{
    [Fact]
    public void Set_ActiveThenInactive_DrivesHighThenLow()
    {
        var controller = new FakeGpioController();
        using var line = new GpioOutputLine(controller, 3, activeLow: false, ownsController: true);

        line.Set(true);
        Assert.Equal(PinValue.High, controller.Values[3]);
        Assert.True(line.IsActive);

        line.Set(false);
        Assert.Equal(PinValue.Low, controller.Values[3]);
        Assert.False(line.IsActive);
    }

    [Fact]
    public void Dispose_ActiveLine_DrivesInactiveThenReleases()
    {
        var controller = new FakeGpioController();
        var line = new GpioOutputLine(controller, 3, activeLow: false, ownsController: true);
        line.Set(true);

        line.Dispose();

        Assert.Equal((3, PinValue.Low), controller.Writes[^1]);
        Assert.False(controller.IsPinOpen(3));
        Assert.True(controller.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => line.Set(true));
    }

    [Fact]
    public void Dispose_SharedController_LeavesItOpen()
    {
        var controller = new FakeGpioController();

        new GpioOutputLine(controller, 0, activeLow: true, ownsController: false).Dispose();

        Assert.False(controller.IsDisposed);
    }

    [Fact]
    public void Constructor_LineAlreadyHeld_Throws()
    {
        var controller = new FakeGpioController();
        using var first = new GpioOutputLine(controller, 1, activeLow: false, ownsController: false);

        Assert.Throws<InvalidOperationException>(() => new GpioOutputLine(controller, 1, activeLow: false, ownsController: false));
    }
}
