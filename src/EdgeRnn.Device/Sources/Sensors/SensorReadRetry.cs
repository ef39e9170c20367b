
namespace EdgeRnn.Device.Sources.Sensors;

/// <summary>Reads a sensor with a bounded number of retries: a transient bus error (I2C NACK, EREMOTEIO, a conversion
/// timeout) is retried after a short pause; when every attempt fails the values are set to NaN and the outcome says
/// <see cref="SensorReadStatus.Faulted"/>, so the pipeline's NaN policy holds the last value and its sensor-fault alarm
/// counts the fault. Never throws for <see cref="IOException"/> or <see cref="TimeoutException"/>.</summary>
internal sealed class SensorReadRetry
{
    private readonly ISensor _sensor;
    private readonly Action<TimeSpan> _pause;

    /// <summary>Guards a sensor.</summary>
    /// <param name="sensor">The sensor (not owned).</param>
    /// <param name="maxRetries">Retries after the first failed attempt, 0..100.</param>
    /// <param name="retryDelay">Pause before each retry, 0..10 s.</param>
    /// <param name="pause">How to pause (Thread.Sleep by default; tests pass a recorder).</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or delay is out of range.</exception>
    public SensorReadRetry(ISensor sensor, int maxRetries, TimeSpan retryDelay, Action<TimeSpan>? pause = null)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRetries, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(retryDelay, TimeSpan.FromSeconds(10));
        _sensor = sensor;
        MaxRetries = maxRetries;
        RetryDelay = retryDelay;
        _pause = pause ?? Thread.Sleep;
    }

    /// <summary>Retries after the first failed attempt.</summary>
    public int MaxRetries { get; }

    /// <summary>Pause before each retry.</summary>
    public TimeSpan RetryDelay { get; }

    /// <summary>Faulted reads in a row; 0 after a successful read.</summary>
    public int ConsecutiveFaults { get; private set; }

    /// <summary>All retries since creation (the metrics' retry counter).</summary>
    public long TotalRetries { get; private set; }

    /// <summary>All faulted reads since creation.</summary>
    public long TotalFaults { get; private set; }

    /// <summary>Reads one sample, retrying transient failures.</summary>
    /// <param name="values">Destination, at least the sensor's channel count; all NaN when the read faulted.</param>
    /// <returns>How the read ended.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is too short.</exception>
    public SensorReadOutcome Read(Span<float> values)
    {
        SensorValues.CheckLength(values, _sensor.ChannelCount);

        Exception? error = null;
        for (int attempt = 1; attempt <= MaxRetries + 1; attempt++)
        {
            if (attempt > 1)
            {
                TotalRetries++;
                if (RetryDelay > TimeSpan.Zero)
                {
                    _pause(RetryDelay);
                }
            }

            try
            {
                _sensor.Read(values);
                ConsecutiveFaults = 0;
                return new SensorReadOutcome(
                    error is null ? SensorReadStatus.Ok : SensorReadStatus.Recovered, attempt, 0, error);
            }
            catch (Exception exception) when (exception is IOException or TimeoutException)
            {
                error = exception;
            }
        }

        values[.._sensor.ChannelCount].Fill(float.NaN);
        ConsecutiveFaults++;
        TotalFaults++;
        return new SensorReadOutcome(SensorReadStatus.Faulted, MaxRetries + 1, ConsecutiveFaults, error);
    }
}
