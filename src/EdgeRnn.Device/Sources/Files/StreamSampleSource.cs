using System.Diagnostics;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Device.Sources.Files;

/// <summary>
/// CSV lines from a stream through a <see cref="PipeReader"/>: a recording replayed from a file (<c>csv:&lt;path&gt;</c>,
/// paced by its timestamps divided by <see cref="SourceOptions.Speed"/>, or as fast as possible) or standard input
/// (<c>stdin</c>, as fast as lines arrive). Finite: <see cref="ReadAsync"/> returns false at the end of the stream.
/// A replay is paced by a monotonic clock (<see cref="StreamClock"/>): a timestamp that repeats or steps back waits
/// nothing, and a gap of more than <see cref="StreamClock.GapFactor"/> typical periods waits only that long.
/// The reader pulls, so a slow reader back-pressures the file or the writing program; nothing is dropped.
/// </summary>
internal sealed class StreamSampleSource : ISampleSource
{
    private const int ReadBufferSize = 16 * 1024;

    private readonly Func<Stream> _open;
    private readonly bool _replay;
    private readonly double _speed;
    private readonly double _nominalRate;
    private readonly CsvLineParser _parser;
    private Pacer? _pacer;
    private PipeReader? _reader;
    private long _index;
    private readonly StreamClock _pace = new();
    private long _pacedTicks;
    private long _firstWallMicros;
    private long _startTimestamp;

    /// <summary>Creates a source over a stream opened by <paramref name="open"/> in <see cref="StartAsync"/>.</summary>
    /// <param name="description">The spec, for logs.</param>
    /// <param name="open">Opens the stream; the source owns and disposes it.</param>
    /// <param name="replay">True for a recording (paced, stamped from the nominal rate when it has no timestamps);
    /// false for a live stream (stamped with the arrival time, never paced).</param>
    /// <param name="options">The source settings.</param>
    public StreamSampleSource(string description, Func<Stream> open, bool replay, SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Speed, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.NominalRate, nameof(options));
        Description = description;
        _open = open;
        _replay = replay;
        _speed = options.Speed;
        _nominalRate = options.NominalRate;
        _parser = new CsvLineParser(options.CsvWithChannels, Statistics.Frames);
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public int ChannelCount => _parser.ChannelCount;

    /// <inheritdoc/>
    public IReadOnlyList<string> ChannelNames => _parser.ChannelNames;

    /// <inheritdoc/>
    public SourceStatistics Statistics { get; } = new();

    /// <inheritdoc/>
    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (_reader is not null)
        {
            throw new InvalidOperationException($"Expected {Description} to be started once; found a second start.");
        }

        Stream stream = _open();
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, leaveOpen: false));
        if (_replay && _speed > 0)
        {
            _pacer = new Pacer();
        }

        return default;
    }

    /// <inheritdoc/>
    public ValueTask<bool> ReadAsync(SampleBuffer sample, CancellationToken cancellationToken)
    {
        PipeReader reader = _reader
            ?? throw new InvalidOperationException($"Expected {Description} to be started before reading; it was not.");
        ValueTask<bool> read = PipeFrames.ReadSampleAsync(reader, _parser, sample, cancellationToken);
        if (!read.IsCompletedSuccessfully)
        {
            return ReadSlowAsync(read, sample, cancellationToken);
        }

        return read.Result ? Deliver(sample, cancellationToken) : new ValueTask<bool>(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _pacer?.Dispose();
        if (_reader is not null)
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadSlowAsync(ValueTask<bool> read, SampleBuffer sample, CancellationToken cancellationToken) =>
        await read.ConfigureAwait(false) && await Deliver(sample, cancellationToken).ConfigureAwait(false);

    private ValueTask<bool> Deliver(SampleBuffer sample, CancellationToken cancellationToken)
    {
        Stamp(sample);
        _index++;
        Statistics.AddSample();
        if (_pacer is null)
        {
            return new ValueTask<bool>(true);
        }

        bool gap = _pace.ObserveUnixMicroseconds(sample.TimestampMicroseconds) == ClockStep.Gap;
        _pacedTicks += gap ? Math.Min(_pace.LastAdvance.Ticks, _pace.GapThreshold.Ticks) : _pace.LastAdvance.Ticks;
        double seconds = _pacedTicks / (double)TimeSpan.TicksPerSecond / _speed;
        ValueTask wait = _pacer.WaitUntilAsync(Pacer.After(_startTimestamp, seconds), cancellationToken);
        return wait.IsCompletedSuccessfully ? new ValueTask<bool>(true) : WaitAsync(wait);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> WaitAsync(ValueTask wait)
    {
        await wait.ConfigureAwait(false);
        return true;
    }

    private void Stamp(SampleBuffer sample)
    {
        if (_index == 0)
        {
            _startTimestamp = Stopwatch.GetTimestamp();
            _firstWallMicros = UnixClock.NowMicroseconds();
        }

        if (sample.HasTimestamp)
        {
            return;
        }

        sample.TimestampMicroseconds = _replay
            ? _firstWallMicros + (long)(_index * 1e6 / _nominalRate)
            : UnixClock.NowMicroseconds();
    }
}
