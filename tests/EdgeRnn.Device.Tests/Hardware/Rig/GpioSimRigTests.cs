using EdgeRnn.Device.Hardware;
using EdgeRnn.Device.Hardware.Gpio;

namespace EdgeRnn.Device.Tests.Hardware.Rig;

/// <summary>The GPIO character device (uAPI v2) against the kernel's gpio-sim chip "rig-gpio" on /dev/gpiochip0: line 0 is
/// ALARM (an output, read back through gpio-sim's sysfs value), line 1 is BUTTON (an input, driven through sysfs pull).</summary>
[Trait("Category", "KernelRig")]
[Collection(nameof(RigDevices))]
public sealed class GpioSimRigTests
{
    private const string SimulatorSysfs = "/sys/devices/platform/gpio-sim.0/gpiochip0";
    private const int Alarm = 0;
    private const int Button = 1;
    private static readonly TimeSpan EdgeTimeout = TimeSpan.FromSeconds(10);

    [RigFact]
    public void Constructor_RigChip_ReportsLabelLinesAndNames()
    {
        using var gpio = new LinuxGpioController(0);

        Assert.Equal("rig-gpio", gpio.ChipLabel);
        Assert.Equal(8, gpio.PinCount);
        Assert.True(gpio.TryFindLine("ALARM", out int alarm));
        Assert.Equal(Alarm, alarm);
        Assert.True(gpio.TryFindLine("BUTTON", out int button));
        Assert.Equal(Button, button);
        Assert.False(gpio.TryFindLine("PUMP", out _));
    }

    [RigFact]
    public void Write_AlarmOutput_DrivesTheLineTheSimulatorSees()
    {
        using var gpio = new LinuxGpioController(0);
        gpio.OpenPin(Alarm, PinMode.Output);
        Assert.Equal("0", SimulatedValue(Alarm));

        gpio.Write(Alarm, PinValue.High);
        Assert.Equal("1", SimulatedValue(Alarm));

        gpio.Write(Alarm, PinValue.Low);
        Assert.Equal("0", SimulatedValue(Alarm));
    }

    [RigFact]
    public void Write_ActiveLowAlarm_DrivesTheInvertedLevel()
    {
        using var gpio = new LinuxGpioController(0);
        gpio.OpenPin(Alarm, PinMode.Output, activeLow: true);
        Assert.Equal("1", SimulatedValue(Alarm)); // inactive = high voltage

        gpio.Write(Alarm, PinValue.High);

        Assert.Equal("0", SimulatedValue(Alarm));
        Assert.True(gpio.GetLineInfo(Alarm).IsActiveLow);
    }

    [RigFact]
    public void OpenPin_HeldLine_ShowsConsumerAndIsReleasedOnDispose()
    {
        using (var gpio = new LinuxGpioController(0))
        {
            gpio.OpenPin(Alarm, PinMode.Output);
            GpioLineInfo held = gpio.GetLineInfo(Alarm);
            Assert.True(held.IsUsed);
            Assert.True(held.IsOutput);
            Assert.Equal(LinuxGpioController.ConsumerLabel, held.Consumer);
        }

        using var after = new LinuxGpioController(0);
        GpioLineInfo released = after.GetLineInfo(Alarm);
        Assert.False(released.IsUsed);
        Assert.Equal(string.Empty, released.Consumer);
    }

    [RigFact]
    public void OpenPin_LineHeldByAnotherRequest_ThrowsBusyNamingTheHolder()
    {
        using var first = new LinuxGpioController(0);
        using var second = new LinuxGpioController(0);
        first.OpenPin(Alarm, PinMode.Output);

        var exception = Assert.Throws<HardwareIOException>(() => second.OpenPin(Alarm, PinMode.Output));

        Assert.Equal(16, exception.Errno);
        Assert.Contains("held by 'edgernn'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("/dev/gpiochip0", exception.Message, StringComparison.Ordinal);
    }

    [RigFact]
    public void WaitForEvent_ButtonPulledUpThenDown_ReportsRisingThenFallingEdges()
    {
        SetPull(Button, "pull-down");
        using var gpio = new LinuxGpioController(0);
        gpio.OpenPin(Button, PinMode.Input);
        Assert.Equal(PinValue.Low, gpio.Read(Button));

        SetPull(Button, "pull-up");
        WaitForEventResult rising = gpio.WaitForEvent(Button, PinEventTypes.Rising | PinEventTypes.Falling, EdgeTimeout);
        Assert.False(rising.TimedOut);
        Assert.Equal(PinEventTypes.Rising, rising.EventTypes);
        Assert.NotEqual(0UL, rising.TimestampNanoseconds);
        Assert.Equal(PinValue.High, gpio.Read(Button));

        SetPull(Button, "pull-down");
        WaitForEventResult falling = gpio.WaitForEvent(Button, PinEventTypes.Rising | PinEventTypes.Falling, EdgeTimeout);
        Assert.False(falling.TimedOut);
        Assert.Equal(PinEventTypes.Falling, falling.EventTypes);
        Assert.True(falling.TimestampNanoseconds > rising.TimestampNanoseconds);
        Assert.Equal(PinValue.Low, gpio.Read(Button));
    }

    [RigFact]
    public void WaitForEvent_NoEdge_TimesOut()
    {
        SetPull(Button, "pull-down");
        using var gpio = new LinuxGpioController(0);
        gpio.OpenPin(Button, PinMode.Input);

        WaitForEventResult result = gpio.WaitForEvent(Button, PinEventTypes.Rising, TimeSpan.FromMilliseconds(50));

        Assert.True(result.TimedOut);
        Assert.Equal(PinEventTypes.None, result.EventTypes);
    }

    [RigFact]
    public void WaitForEvent_OnlyFallingWanted_SkipsTheRisingEdge()
    {
        SetPull(Button, "pull-down");
        using var gpio = new LinuxGpioController(0);
        gpio.OpenPin(Button, PinMode.Input);

        SetPull(Button, "pull-up");
        SetPull(Button, "pull-down");
        WaitForEventResult result = gpio.WaitForEvent(Button, PinEventTypes.Falling, EdgeTimeout);

        Assert.Equal(PinEventTypes.Falling, result.EventTypes);
    }

    [RigFact]
    public void Read_ActiveLowButtonPulledUp_IsLogicallyLow()
    {
        SetPull(Button, "pull-up");
        using var gpio = new LinuxGpioController(0);
        gpio.OpenPin(Button, PinMode.Input, activeLow: true);

        Assert.Equal(PinValue.Low, gpio.Read(Button));
        SetPull(Button, "pull-down");
        Assert.Equal(PinEventTypes.Rising, gpio.WaitForEvent(Button, PinEventTypes.Rising, EdgeTimeout).EventTypes);
        Assert.Equal(PinValue.High, gpio.Read(Button));
    }

    [RigFact]
    public void Write_InputLine_ThrowsInvalidOperation()
    {
        using var gpio = new LinuxGpioController(0);
        gpio.OpenPin(Button, PinMode.Input);

        Assert.Throws<InvalidOperationException>(() => gpio.Write(Button, PinValue.High));
        Assert.Throws<ArgumentOutOfRangeException>(() => gpio.OpenPin(8, PinMode.Output));
    }

    [RigFact]
    public void WriteReadAndWaitForEvent_Warm_AllocateNothing()
    {
        SetPull(Button, "pull-down");
        using var gpio = new LinuxGpioController(0);
        gpio.OpenPin(Alarm, PinMode.Output);
        gpio.OpenPin(Button, PinMode.Input);
        gpio.Write(Alarm, PinValue.High);
        _ = gpio.Read(Button);
        _ = gpio.WaitForEvent(Button, PinEventTypes.Rising, TimeSpan.Zero);

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                gpio.Write(Alarm, (i & 1) == 0 ? PinValue.Low : PinValue.High);
                _ = gpio.Read(Button);
                _ = gpio.WaitForEvent(Button, PinEventTypes.Rising, TimeSpan.Zero);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal("1", SimulatedValue(Alarm));
    }

    [RigFact]
    public void GpioOutputLine_AlarmByName_DrivesTheLineAndReleasesItInactive()
    {
        using (GpioOutputLine alarm = GpioOutputLine.Open(GpioLineSpec.Parse("gpio:gpiochip0:ALARM:active-low")))
        {
            Assert.Equal(Alarm, alarm.PinNumber);
            Assert.Equal("1", SimulatedValue(Alarm)); // inactive, active-low

            alarm.Set(true);
            Assert.Equal("0", SimulatedValue(Alarm));
        }

        using var gpio = new LinuxGpioController(0);
        Assert.False(gpio.GetLineInfo(Alarm).IsUsed);
    }

    [RigFact]
    public void GpioOutputLine_UnknownName_ThrowsNamingTheChip()
    {
        var exception = Assert.Throws<IOException>(() => GpioOutputLine.Open(GpioLineSpec.Parse("gpio:0:PUMP")));

        Assert.Contains("'PUMP'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("rig-gpio", exception.Message, StringComparison.Ordinal);
    }

    private static string SimulatedValue(int line) => File.ReadAllText($"{SimulatorSysfs}/sim_gpio{line}/value").Trim();

    private static void SetPull(int line, string pull) => File.WriteAllText($"{SimulatorSysfs}/sim_gpio{line}/pull", pull);
}
