using EdgeRnn.Device.Sources.Sensors;

namespace EdgeRnn.Device.Tests.Sources.Sensors;

public class SensorReadRetryTests
{
    [Fact]
    public void Read_FirstAttemptSucceeds_IsOkWithOneAttempt()
    {
        var sensor = new FlakySensor(failures: 0);
        var retry = new SensorReadRetry(sensor, maxRetries: 2, TimeSpan.Zero);
        var values = new float[2];

        SensorReadOutcome outcome = retry.Read(values);

        Assert.Equal(SensorReadStatus.Ok, outcome.Status);
        Assert.Equal(1, outcome.Attempts);
        Assert.Null(outcome.Error);
        Assert.Equal([1f, 2f], values);
    }

    [Fact]
    public void Read_TwoFailuresThenSuccess_IsRecoveredAfterPausingTwice()
    {
        var sensor = new FlakySensor(failures: 2);
        var pauses = new List<TimeSpan>();
        var retry = new SensorReadRetry(sensor, maxRetries: 3, TimeSpan.FromMilliseconds(5), pauses.Add);
        var values = new float[2];

        SensorReadOutcome outcome = retry.Read(values);

        Assert.Equal(SensorReadStatus.Recovered, outcome.Status);
        Assert.True(outcome.Succeeded);
        Assert.Equal(3, outcome.Attempts);
        Assert.IsType<IOException>(outcome.Error);
        Assert.Equal([TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5)], pauses);
        Assert.Equal(2, retry.TotalRetries);
        Assert.Equal([1f, 2f], values);
    }

    [Fact]
    public void Read_EveryAttemptFails_IsFaultedWithNaNValues()
    {
        var sensor = new FlakySensor(failures: int.MaxValue);
        var retry = new SensorReadRetry(sensor, maxRetries: 2, TimeSpan.Zero);
        var values = new float[] { 7f, 7f, 7f };

        SensorReadOutcome outcome = retry.Read(values);

        Assert.Equal(SensorReadStatus.Faulted, outcome.Status);
        Assert.False(outcome.Succeeded);
        Assert.Equal(3, outcome.Attempts);
        Assert.Equal(3, sensor.Calls);
        Assert.True(float.IsNaN(values[0]) && float.IsNaN(values[1]));
        Assert.Equal(7f, values[2]); // beyond the channel count: untouched
        Assert.Equal(1, outcome.ConsecutiveFaults);
    }

    [Fact]
    public void Read_FaultsThenSuccess_ConsecutiveFaultsCountsUpAndResets()
    {
        var sensor = new FlakySensor(failures: 4);
        var retry = new SensorReadRetry(sensor, maxRetries: 1, TimeSpan.Zero);
        var values = new float[2];

        Assert.Equal(1, retry.Read(values).ConsecutiveFaults);
        Assert.Equal(2, retry.Read(values).ConsecutiveFaults);
        SensorReadOutcome recovered = retry.Read(values);

        Assert.Equal(SensorReadStatus.Ok, recovered.Status);
        Assert.Equal(0, recovered.ConsecutiveFaults);
        Assert.Equal(0, retry.ConsecutiveFaults);
        Assert.Equal(2, retry.TotalFaults);
    }

    [Fact]
    public void Read_TimeoutException_IsRetriedLikeABusError()
    {
        var sensor = new FlakySensor(failures: 1, useTimeout: true);
        var retry = new SensorReadRetry(sensor, maxRetries: 1, TimeSpan.Zero);

        SensorReadOutcome outcome = retry.Read(new float[2]);

        Assert.Equal(SensorReadStatus.Recovered, outcome.Status);
        Assert.IsType<TimeoutException>(outcome.Error);
    }

    [Fact]
    public void Read_ProgrammingError_IsNotSwallowed()
    {
        var sensor = new FlakySensor(failures: 0);
        sensor.Dispose();
        var retry = new SensorReadRetry(sensor, maxRetries: 3, TimeSpan.Zero);

        Assert.Throws<ObjectDisposedException>(() => retry.Read(new float[2]));
    }

    [Fact]
    public void Constructor_NegativeRetries_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SensorReadRetry(new FlakySensor(0), -1, TimeSpan.Zero));
    }

    private sealed class FlakySensor(int failures, bool useTimeout = false) : ISensor
    {
        private int _failuresLeft = failures;
        private bool _disposed;

        public int Calls { get; private set; }

        public int ChannelCount => 2;

        public IReadOnlyList<string> ChannelNames { get; } = ["a", "b"];

        public void Read(Span<float> values)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Calls++;
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                throw useTimeout ? new TimeoutException("conversion") : new IOException("errno 121");
            }

            values[0] = 1f;
            values[1] = 2f;
        }

        public void Dispose() => _disposed = true;
    }
}
