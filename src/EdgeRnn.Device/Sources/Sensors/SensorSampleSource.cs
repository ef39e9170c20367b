using System.Diagnostics;
using System.Runtime.CompilerServices;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Sources.Sensors;

/// <summary>
/// A hardware sensor (<c>i2c:</c>, <c>iio:</c>) polled at a fixed rate: each read goes through <see cref="SensorReadRetry"/>,
/// so a failed bus transfer is retried and, when every attempt fails, delivered as a sample of NaN values (the pipeline holds
/// the last valid values and raises a sensor-fault alarm when it lasts). Samples are stamped with the wall clock. When the
/// reader falls more than one period behind, the missed ticks are skipped and counted in
/// <see cref="SourceStatistics.Dropped"/> rather than read in a burst. Never ends.
/// </summary>
internal sealed class SensorSampleSource : ISampleSource
{
    private readonly ISensor _sensor;
    private readonly SensorReadRetry _reader;
    private readonly double _rate;
    private readonly TextWriter _log;
    private Pacer? _pacer;
    private long _startTimestamp;
    private long _tick;

    /// <summary>Creates the source; it owns <paramref name="sensor"/> and disposes it.</summary>
    /// <param name="description">The spec, for logs.</param>
    /// <param name="sensor">The open sensor.</param>
    /// <param name="rate">Reads per second, above 0 and at most 100,000.</param>
    /// <param name="retry">The retry policy of each read (retries, delay).</param>
    /// <param name="log">Where the first failures of a fault are reported.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is out of range.</exception>
    public SensorSampleSource(string description, ISensor sensor, double rate, (int Retries, TimeSpan Delay) retry, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(log);
        if (!(rate > 0 && rate <= 100_000))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "Expected a read rate in (0, 100000] Hz.");
        }

        Description = description;
        _sensor = sensor;
        _rate = rate;
        _log = log;
        _reader = new SensorReadRetry(sensor, retry.Retries, retry.Delay);
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public int ChannelCount => _sensor.ChannelCount;

    /// <inheritdoc/>
    public IReadOnlyList<string> ChannelNames => _sensor.ChannelNames;

    /// <inheritdoc/>
    public SourceStatistics Statistics { get; } = new();

    /// <summary>Reads that failed after every retry.</summary>
    public long FaultedReads => _reader.TotalFaults;

    /// <summary>Retries made over all reads.</summary>
    public long Retries => _reader.TotalRetries;

    /// <inheritdoc/>
    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (_pacer is not null)
        {
            throw new InvalidOperationException($"Expected {Description} to be started once; found a second start.");
        }

        _pacer = new Pacer();
        _startTimestamp = Stopwatch.GetTimestamp();
        return default;
    }

    /// <inheritdoc/>
    public ValueTask<bool> ReadAsync(SampleBuffer sample, CancellationToken cancellationToken)
    {
        Pacer pacer = _pacer
            ?? throw new InvalidOperationException($"Expected {Description} to be started before reading; it was not.");
        cancellationToken.ThrowIfCancellationRequested();
        long due = Pacer.After(_startTimestamp, _tick / _rate);
        long late = Stopwatch.GetTimestamp() - due;
        long period = (long)(Stopwatch.Frequency / _rate);
        if (late > period && period > 0)
        {
            long missed = late / period;
            _tick += missed;
            for (long i = 0; i < missed; i++)
            {
                Statistics.AddDropped();
            }

            due = Pacer.After(_startTimestamp, _tick / _rate);
        }

        _tick++;
        ValueTask wait = pacer.WaitUntilAsync(due, cancellationToken);
        if (!wait.IsCompletedSuccessfully)
        {
            return ReadAfterAsync(wait, sample);
        }

        return new ValueTask<bool>(ReadNow(sample));
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _pacer?.Dispose();
        _sensor.Dispose();
        return default;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadAfterAsync(ValueTask wait, SampleBuffer sample)
    {
        await wait.ConfigureAwait(false);
        return ReadNow(sample);
    }

    private bool ReadNow(SampleBuffer sample)
    {
        Span<float> values = sample.Begin(_sensor.ChannelCount);
        SensorReadOutcome outcome = _reader.Read(values);
        sample.End();
        sample.TimestampMicroseconds = UnixClock.NowMicroseconds();
        sample.HasTimestamp = true;
        Statistics.Frames.AddFrame(sample.NonFiniteCount > 0);
        Statistics.AddSample();
        if (!outcome.Succeeded && (outcome.ConsecutiveFaults == 1 || outcome.ConsecutiveFaults % 1000 == 0))
        {
            _log.WriteLine($"{Description}: read failed after {outcome.Attempts} attempts ({outcome.ConsecutiveFaults} in a row), holding the last values: {outcome.Error?.Message}");
        }

        return true;
    }
}
