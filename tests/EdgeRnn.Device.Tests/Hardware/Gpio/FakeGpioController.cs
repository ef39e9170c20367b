using EdgeRnn.Device.Hardware.Gpio;

namespace EdgeRnn.Device.Tests.Hardware.Gpio;

/// <summary>An in-memory controller recording what was driven, for tests of code above the GPIO layer.</summary>
internal sealed class FakeGpioController(int pinCount = 8) : GpioController
{
    private readonly Dictionary<int, (PinMode Mode, bool ActiveLow)> _open = [];

    public Dictionary<int, PinValue> Values { get; } = [];

    public List<(int Pin, PinValue Value)> Writes { get; } = [];

    public bool IsDisposed { get; private set; }

    public override int PinCount => pinCount;

    public override void OpenPin(int pinNumber, PinMode mode, bool activeLow)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pinNumber, pinCount);
        if (!_open.TryAdd(pinNumber, (mode, activeLow)))
        {
            throw new InvalidOperationException($"line {pinNumber} is already open");
        }

        Values[pinNumber] = PinValue.Low;
    }

    public override bool IsPinOpen(int pinNumber) => _open.ContainsKey(pinNumber);

    public override void ClosePin(int pinNumber)
    {
        if (!_open.Remove(pinNumber))
        {
            throw new InvalidOperationException($"line {pinNumber} is not open");
        }
    }

    public override PinValue Read(int pinNumber) => Values[pinNumber];

    public override void Write(int pinNumber, PinValue value)
    {
        if (!_open.TryGetValue(pinNumber, out var line) || line.Mode != PinMode.Output)
        {
            throw new InvalidOperationException($"line {pinNumber} is not an open output");
        }

        Values[pinNumber] = value;
        Writes.Add((pinNumber, value));
    }

    public override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, TimeSpan timeout) =>
        new(PinEventTypes.None, TimedOut: true, TimestampNanoseconds: 0);

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
