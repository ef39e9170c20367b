using System.Device.Gpio;

namespace EdgeRnn.Device.Tests.Hardware.Gpio;

/// <summary>An in-memory System.Device.Gpio driver recording what was driven, for tests of code above the GPIO layer.</summary>
internal sealed class FakeGpioDriver(int pinCount = 8) : GpioDriver
{
    private readonly Dictionary<int, PinMode> _open = [];

    public Dictionary<int, PinValue> Values { get; } = [];

    public List<(int Pin, PinValue Value)> Writes { get; } = [];

    public bool IsDisposed { get; private set; }

    public bool IsOpen(int pin) => _open.ContainsKey(pin);

    protected override int PinCount => pinCount;

    protected override void OpenPin(int pinNumber)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pinNumber, pinCount);
        _open[pinNumber] = PinMode.Input;
        Values.TryAdd(pinNumber, PinValue.Low);
    }

    protected override void ClosePin(int pinNumber) => _open.Remove(pinNumber);

    protected override void SetPinMode(int pinNumber, PinMode mode) => _open[pinNumber] = mode;

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        _open[pinNumber] = mode;
        Values[pinNumber] = initialValue;
        Writes.Add((pinNumber, initialValue));
    }

    protected override PinMode GetPinMode(int pinNumber) => _open[pinNumber];

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => Values[pinNumber];

    protected override void Write(int pinNumber, PinValue value)
    {
        Values[pinNumber] = value;
        Writes.Add((pinNumber, value));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        new() { TimedOut = true, EventTypes = PinEventTypes.None };

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException();

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
