using EdgeRnn.Device.Alarms;

namespace EdgeRnn.Device.Tests.Alarms;

/// <summary>A sink that keeps every event, optionally failing each one.</summary>
internal sealed class RecordingSink(bool fail = false) : IAlarmSink
{
    public List<AlarmEvent> Events { get; } = [];

    public bool Disposed { get; private set; }

    public void OnEvent(in AlarmEvent alarm)
    {
        if (fail)
        {
            throw new IOException("sink is broken");
        }

        Events.Add(alarm);
    }

    public void Flush()
    {
    }

    public void Dispose() => Disposed = true;
}

/// <summary>An alarm line that records every level it was driven to.</summary>
internal sealed class FakeAlarmLine : IAlarmLine, IDisposable
{
    public List<bool> Levels { get; } = [];

    public bool Disposed { get; private set; }

    public void Set(bool active) => Levels.Add(active);

    public void Dispose() => Disposed = true;
}
