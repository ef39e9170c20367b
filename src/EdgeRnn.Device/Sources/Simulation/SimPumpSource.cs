using System.Diagnostics;
using System.Runtime.CompilerServices;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Sources.Simulation;

/// <summary>
/// <c>sim:pump</c>: samples from a <see cref="PumpModel"/>, stamped from the start time plus index / rate, labelled 1 where
/// a fault is injected, paced at the rate times the speed (a late reader catches up; nothing is dropped) or as fast as
/// possible. Finite when a count is given.
/// </summary>
internal sealed class SimPumpSource : ISampleSource
{
    private readonly PumpSettings _settings;
    private readonly PumpModel _model;
    private Pacer? _pacer;
    private long _startMicros;
    private long _startTimestamp;
    private bool _started;

    /// <summary>Creates the source.</summary>
    /// <param name="description">The spec, for logs.</param>
    /// <param name="settings">Seed, rate, count, speed and faults.</param>
    /// <param name="startMicroseconds">The time of sample 0 in Unix microseconds, or null for the start time.</param>
    public SimPumpSource(string description, PumpSettings settings, long? startMicroseconds = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.Speed, nameof(settings));
        Description = description;
        _settings = settings;
        _model = new PumpModel(settings.Seed, settings.Rate, settings.Faults);
        _startMicros = startMicroseconds ?? 0;
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public int ChannelCount => PumpModel.Channels;

    /// <inheritdoc/>
    public IReadOnlyList<string> ChannelNames => PumpModel.ChannelNames;

    /// <inheritdoc/>
    public SourceStatistics Statistics { get; } = new();

    /// <inheritdoc/>
    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            throw new InvalidOperationException($"Expected {Description} to be started once; found a second start.");
        }

        _started = true;
        if (_startMicros == 0)
        {
            _startMicros = UnixClock.NowMicroseconds();
        }

        _startTimestamp = Stopwatch.GetTimestamp();
        if (_settings.Speed > 0)
        {
            _pacer = new Pacer();
        }

        return default;
    }

    /// <inheritdoc/>
    public ValueTask<bool> ReadAsync(SampleBuffer sample, CancellationToken cancellationToken)
    {
        if (!_started)
        {
            throw new InvalidOperationException($"Expected {Description} to be started before reading; it was not.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        long index;
        bool anomalous;
        do
        {
            index = _model.Index;
            if (index >= _settings.Count)
            {
                return new ValueTask<bool>(false);
            }
        }
        while (!_model.Step(sample.Begin(PumpModel.Channels), out anomalous));

        sample.End();
        sample.Label = anomalous ? 1f : 0f;
        sample.HasTimestamp = true;
        sample.TimestampMicroseconds = _startMicros + (long)(index * 1e6 / _settings.Rate);
        Statistics.Frames.AddFrame(sample.NonFiniteCount > 0);
        Statistics.AddSample();
        if (_pacer is null)
        {
            return new ValueTask<bool>(true);
        }

        double seconds = index / _settings.Rate / _settings.Speed;
        ValueTask wait = _pacer.WaitUntilAsync(Pacer.After(_startTimestamp, seconds), cancellationToken);
        return wait.IsCompletedSuccessfully ? new ValueTask<bool>(true) : WaitAsync(wait);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _pacer?.Dispose();
        return default;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> WaitAsync(ValueTask wait)
    {
        await wait.ConfigureAwait(false);
        return true;
    }
}
