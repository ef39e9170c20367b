using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Alarms.Mqtt;

namespace EdgeRnn.Device.Tests.Alarms.Mqtt;

public class EventQueueTests
{
    private static AlarmEvent Event(long sample) => new(AlarmKind.Raised, sample, DateTimeOffset.UnixEpoch, 0.9f, default);

    [Fact]
    public void TryPeek_Empty_False()
    {
        var queue = new EventQueue(3);

        Assert.False(queue.TryPeek(out _, out _));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void PeekAndRemove_InOrderOfAdding()
    {
        var queue = new EventQueue(3);
        queue.Add(Event(1));
        queue.Add(Event(2));

        var taken = new List<long>();
        while (queue.TryPeek(out var alarm, out long sequence))
        {
            taken.Add(alarm.SampleIndex);
            queue.Remove(sequence);
        }

        Assert.Equal([1, 2], taken);
        Assert.Equal(0, queue.Dropped);
    }

    [Fact]
    public void TryPeek_WithoutRemove_GivesTheSameEventAgain()
    {
        var queue = new EventQueue(3);
        queue.Add(Event(7));

        Assert.True(queue.TryPeek(out var first, out long sequence));
        Assert.True(queue.TryPeek(out var again, out long sameSequence));

        Assert.Equal(first, again);
        Assert.Equal(sequence, sameSequence);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Add_BeyondCapacity_DropsTheOldestAndCountsIt()
    {
        var queue = new EventQueue(3);
        bool[] dropped = [.. Enumerable.Range(1, 5).Select(i => queue.Add(Event(i)))];

        Assert.Equal([false, false, false, true, true], dropped);
        Assert.Equal(2, queue.Dropped);
        Assert.Equal(3, queue.Count);
        Assert.True(queue.TryPeek(out var oldest, out _));
        Assert.Equal(3, oldest.SampleIndex);
    }

    [Fact]
    public void Remove_EventDroppedWhileInFlight_RemovesNothingElse()
    {
        var queue = new EventQueue(2);
        queue.Add(Event(1));
        queue.TryPeek(out _, out long inFlight);
        queue.Add(Event(2));
        queue.Add(Event(3));

        queue.Remove(inFlight);

        Assert.Equal(2, queue.Count);
        Assert.True(queue.TryPeek(out var next, out _));
        Assert.Equal(2, next.SampleIndex);
    }

    [Fact]
    public void Add_Warm_AllocatesNothing()
    {
        var queue = new EventQueue(4);
        var alarm = Event(1);
        queue.Add(alarm);

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                queue.Add(alarm);
            }
        });

        Assert.Equal(0, allocated);
    }
}
