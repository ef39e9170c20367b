using EdgeRnn.Device.Alarms;

namespace EdgeRnn.Device.Tests.Alarms;

public class SensorFaultMonitorTests
{
    private readonly int[] _faulted = new int[3];
    private readonly int[] _recovered = new int[3];

    private (int[] Faulted, int[] Recovered) Step(SensorFaultMonitor monitor, params float[] sample)
    {
        int recovered = monitor.Update(sample, _faulted, _recovered, out int faulted);
        return (_faulted[..faulted], _recovered[..recovered]);
    }

    [Fact]
    public void Update_InvalidForMoreThanK_FaultsThatChannelOnce()
    {
        var monitor = new SensorFaultMonitor(3, maxInvalidSamples: 4);
        for (int i = 0; i < 4; i++)
        {
            Assert.Empty(Step(monitor, 1f, float.NaN, 2f).Faulted);
        }

        Assert.Equal([1], Step(monitor, 1f, float.PositiveInfinity, 2f).Faulted);
        Assert.True(monitor.IsFaulted(1));
        Assert.Equal(1, monitor.FaultedCount);
        for (int i = 0; i < 10; i++)
        {
            Assert.Empty(Step(monitor, 1f, float.NaN, 2f).Faulted);
        }
    }

    [Fact]
    public void Update_ValidValueReturns_RecoversTheChannel()
    {
        var monitor = new SensorFaultMonitor(3, maxInvalidSamples: 0);
        Assert.Equal([0, 2], Step(monitor, float.NaN, 1f, float.NegativeInfinity).Faulted);
        var step = Step(monitor, 3f, 1f, float.NaN);
        Assert.Equal([0], step.Recovered);
        Assert.Empty(step.Faulted);
        Assert.Equal(1, monitor.FaultedCount);
    }

    [Fact]
    public void Update_IntermittentInvalidValues_NeverFault()
    {
        var monitor = new SensorFaultMonitor(3, maxInvalidSamples: 2);
        for (int i = 0; i < 100; i++)
        {
            float v = i % 3 == 2 ? 1f : float.NaN;
            Assert.Empty(Step(monitor, v, v, v).Faulted);
        }
    }

    [Fact]
    public void Update_OutOfRangeValues_CountAsInvalid()
    {
        var monitor = new SensorFaultMonitor(3, maxInvalidSamples: 1, min: [0f, -1f, -1f], max: [10f, 1f, 1f]);
        Assert.True(monitor.IsValid(0, 10f));
        Assert.False(monitor.IsValid(0, 10.5f));
        Step(monitor, 11f, 0f, 0f);
        Assert.Equal([0], Step(monitor, -0.5f, 0f, 0f).Faulted);
        Assert.Equal([0], Step(monitor, 5f, 0f, 0f).Recovered);
    }

    [Fact]
    public void Constructor_BadRange_ThrowsWithTheRange()
    {
        var e = Assert.Throws<ArgumentException>(() => new SensorFaultMonitor(2, 1, [0f, 5f], [1f, 4f]));
        Assert.Contains("[5, 4]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_WrongSampleLength_Throws() =>
        Assert.Throws<ArgumentException>(() => new SensorFaultMonitor(3).Update(new float[2], new int[3], new int[3], out _));

    [Fact]
    public void Update_ManySamples_AllocatesNothing()
    {
        var monitor = new SensorFaultMonitor(3, maxInvalidSamples: 3);
        var sample = new float[3];
        Step(monitor, sample);
        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                sample[i % 3] = i % 7 < 5 ? float.NaN : i;
                monitor.Update(sample, _faulted, _recovered, out _);
            }
        });

        Assert.Equal(0, allocated);
    }
}
