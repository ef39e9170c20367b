using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using EdgeRnn.Device.Hardware.Gpio;

namespace EdgeRnn.Device.Tests.Hardware.Rig;

/// <summary>System.Device.Gpio's libgpiod driver (the libgpiod2 package, libgpiod.so.2) and <see cref="GpioChip"/>
/// against the kernel's gpio-sim chip "rig-gpio" on /dev/gpiochip0: line 0 is ALARM (an output, read back through
/// gpio-sim's sysfs value), line 1 is BUTTON (an input, driven through sysfs pull).</summary>
[Trait("Category", "KernelRig")]
[Collection(nameof(RigDevices))]
public sealed class GpioSimRigTests(ITestOutputHelper output)
{
    private const string SimulatorSysfs = "/sys/devices/platform/gpio-sim.0/gpiochip0";
    private const int Alarm = 0;
    private const int Button = 1;
    private static readonly TimeSpan EdgeTimeout = TimeSpan.FromSeconds(20);

    [RigFact]
    public void GpioChip_RigChip_ReportsLabelLinesAndNames()
    {
        using var chip = new GpioChip(0);

        Assert.Equal("rig-gpio", chip.ChipLabel);
        Assert.Equal(8, chip.PinCount);
        Assert.True(chip.TryFindLine("ALARM", out int alarm));
        Assert.Equal(Alarm, alarm);
        Assert.True(chip.TryFindLine("BUTTON", out int button));
        Assert.Equal(Button, button);
        Assert.False(chip.TryFindLine("PUMP", out _));
    }

    [RigFact]
    public void GpioControllers_OffARaspberryPi_ChoosesLibgpiodOnTheChip()
    {
        using GpioController controller = GpioControllers.Open(GpioLineSpec.Parse("gpio:0:ALARM"), out int pin, out string driver);

        Assert.Equal(Alarm, pin);
        Assert.StartsWith(nameof(LibGpiodDriver) + " on gpiochip0 (rig-gpio)", driver, StringComparison.Ordinal);
    }

    [RigFact]
    public void Write_AlarmOutput_DrivesTheLineTheSimulatorSees()
    {
        using var gpio = new GpioController(new LibGpiodDriver(0));
        gpio.OpenPin(Alarm, PinMode.Output, PinValue.Low);
        Assert.Equal("0", SimulatedValue(Alarm));

        gpio.Write(Alarm, PinValue.High);
        Assert.Equal("1", SimulatedValue(Alarm));

        gpio.Write(Alarm, PinValue.Low);
        Assert.Equal("0", SimulatedValue(Alarm));
    }

    [RigFact]
    public void OpenPin_HeldLine_IsUsedAndReleasedOnDispose()
    {
        using (var gpio = new GpioController(new LibGpiodDriver(0)))
        {
            gpio.OpenPin(Alarm, PinMode.Output, PinValue.Low);
            using var chip = new GpioChip(0);
            GpioLineInfo held = chip.GetLineInfo(Alarm);
            Assert.True(held.IsUsed);
            Assert.True(held.IsOutput);
            output.WriteLine($"consumer shown by the kernel: '{held.Consumer}'");
        }

        using var after = new GpioChip(0);
        Assert.False(after.GetLineInfo(Alarm).IsUsed);
    }

    [RigFact]
    public void OpenPin_LineHeldByAnotherController_Throws()
    {
        using var first = new GpioController(new LibGpiodDriver(0));
        using var second = new GpioController(new LibGpiodDriver(0));
        first.OpenPin(Alarm, PinMode.Output, PinValue.Low);

        Exception exception = Assert.ThrowsAny<Exception>(() => second.OpenPin(Alarm, PinMode.Output, PinValue.Low));

        output.WriteLine($"{exception.GetType().Name}: {exception.Message}");
    }

    [RigFact]
    public void Read_InputPulledUpThenDown_FollowsTheLine()
    {
        SetPull(Button, "pull-up");
        using var gpio = new GpioController(new LibGpiodDriver(0));
        gpio.OpenPin(Button, PinMode.Input);

        Assert.Equal(PinValue.High, gpio.Read(Button));
        SetPull(Button, "pull-down");
        Assert.Equal(PinValue.Low, gpio.Read(Button));
    }

    [RigFact]
    public void WaitForEvent_ButtonPulledUp_ReportsTheRisingEdge()
    {
        SetPull(Button, "pull-down");
        using var gpio = new GpioController(new LibGpiodDriver(0));
        gpio.OpenPin(Button, PinMode.Input);

        // libgpiod's driver starts watching edges when the wait starts: the edge comes once it waits.
        Task<WaitForEventResult> waiting = Task.Run(() => gpio.WaitForEvent(Button, PinEventTypes.Rising, EdgeTimeout));
        Thread.Sleep(2000);
        SetPull(Button, "pull-up");
        WaitForEventResult rising = waiting.Result;

        Assert.False(rising.TimedOut);
        Assert.Equal(PinEventTypes.Rising, rising.EventTypes);
        SetPull(Button, "pull-down");
    }

    [RigFact]
    public void WaitForEvent_NoEdge_TimesOut()
    {
        SetPull(Button, "pull-down");
        using var gpio = new GpioController(new LibGpiodDriver(0));
        gpio.OpenPin(Button, PinMode.Input);

        WaitForEventResult result = gpio.WaitForEvent(Button, PinEventTypes.Rising, TimeSpan.FromMilliseconds(200));

        Assert.True(result.TimedOut);
    }

    [RigFact]
    public void Write_Warm_AllocationPerCallIsMeasured()
    {
        using var gpio = new GpioController(new LibGpiodDriver(0));
        gpio.OpenPin(Alarm, PinMode.Output, PinValue.Low);
        gpio.Write(Alarm, PinValue.High);

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                gpio.Write(Alarm, (i & 1) == 0 ? PinValue.Low : PinValue.High);
            }
        });

        // An alarm line is written on a rise or fall of the alarm, never per sample; recorded, not a per-sample claim.
        output.WriteLine($"libgpiod Write: {allocated / 100.0} bytes per call");
        Assert.True(allocated / 100 <= 256, $"{allocated / 100} bytes per write");
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
            Assert.Contains("LibGpiodDriver", alarm.Description, StringComparison.Ordinal);
        }

        using var chip = new GpioChip(0);
        Assert.False(chip.GetLineInfo(Alarm).IsUsed);
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
