using System.Threading.Tasks.Sources;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Sources.Network;

/// <summary>
/// The bounded buffer between push sources (TCP clients, a UDP socket) and the one reader: a ring of preallocated
/// <see cref="SampleBuffer"/> slots. Writers never wait: when the ring is full the oldest sample is dropped and counted.
/// A waiting reader gets the next sample copied straight into its buffer. Nothing is allocated per sample.
/// </summary>
internal sealed class SampleQueue : IValueTaskSource<bool>
{
    private readonly Lock _gate = new();
    private readonly SampleBuffer[] _slots;
    private readonly SourceStatistics _statistics;
    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _registration;
    private SampleBuffer? _waitingReader;
    private int _head;
    private int _count;
    private bool _completed;

    /// <summary>Creates a queue.</summary>
    /// <param name="capacity">The samples held before the oldest is dropped, 1 or more.</param>
    /// <param name="channelCapacity">The largest channel count of a sample.</param>
    /// <param name="statistics">Counts delivered and dropped samples.</param>
    public SampleQueue(int capacity, int channelCapacity, SourceStatistics statistics)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _slots = new SampleBuffer[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _slots[i] = new SampleBuffer(channelCapacity);
        }

        _statistics = statistics;
        _core.RunContinuationsAsynchronously = true;
    }

    /// <summary>Samples waiting to be read.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Adds a copy of <paramref name="sample"/>, dropping the oldest when full. Ignored after <see cref="Complete"/>.</summary>
    /// <param name="sample">The sample; not kept.</param>
    public void Write(SampleBuffer sample)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            if (_waitingReader is null)
            {
                if (_count == _slots.Length)
                {
                    _head = (_head + 1) % _slots.Length;
                    _count--;
                    _statistics.AddDropped();
                }

                sample.CopyTo(_slots[(_head + _count) % _slots.Length]);
                _count++;
                return;
            }

            sample.CopyTo(_waitingReader);
            _waitingReader = null;
        }

        _statistics.AddSample();
        _core.SetResult(true);
    }

    /// <summary>Ends the queue: a waiting reader and later reads get false once the held samples are read.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            if (_waitingReader is null)
            {
                return;
            }

            _waitingReader = null;
        }

        _core.SetResult(false);
    }

    /// <summary>Copies the oldest sample into <paramref name="sample"/>, waiting for one if the queue is empty.</summary>
    /// <param name="sample">The reader's buffer.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True with a sample; false once completed and empty.</returns>
    /// <exception cref="InvalidOperationException">Another read is already waiting.</exception>
    public ValueTask<bool> ReadAsync(SampleBuffer sample, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_count > 0)
            {
                _slots[_head].CopyTo(sample);
                _head = (_head + 1) % _slots.Length;
                _count--;
                _statistics.AddSample();
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return new ValueTask<bool>(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (_waitingReader is not null)
            {
                throw new InvalidOperationException("Expected one reader on a sample queue; found a second concurrent read.");
            }

            _core.Reset();
            _waitingReader = sample;
        }

        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((SampleQueue)state!).CancelWait(token), this);
        }

        return new ValueTask<bool>(this, _core.Version);
    }

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _registration.Dispose();
            _registration = default;
        }
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(
        Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void CancelWait(CancellationToken token)
    {
        lock (_gate)
        {
            if (_waitingReader is null)
            {
                return;
            }

            _waitingReader = null;
        }

        _core.SetException(new OperationCanceledException(token));
    }
}
