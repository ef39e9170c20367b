using System.Collections.Concurrent;
using System.Numerics;

namespace EdgeRnn.Training.Training.Engine;

/// <summary>
/// Data-parallel loss and gradient over a batch: the batch is cut into chunks of <see cref="ChunkSize"/> windows (a fixed
/// size, not a thread count), each chunk's gradient goes to its own buffer, and the buffers are added in chunk order, so the
/// result is the same bit for bit whatever the number of threads and however they are scheduled.
/// </summary>
internal sealed class GradientEngine<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ConcurrentBag<BpttWorker<T>> _workers = [];
    private readonly ChunkedBatch<T> _chunks;

    public GradientEngine(SequenceNetwork<T> network, int chunkSize = 8, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        Network = network;
        ChunkSize = chunkSize;
        Threads = threads == 0 ? Environment.ProcessorCount : threads;
        Gradient = new T[network.Layout.Count];
        _chunks = new ChunkedBatch<T>(network.Layout.Count);
    }

    public SequenceNetwork<T> Network { get; }

    /// <summary>Windows per chunk; part of the arithmetic (it fixes the order of the sums), so keep it for reproducible runs.</summary>
    public int ChunkSize { get; }

    /// <summary>The most threads used; does not change any result.</summary>
    public int Threads { get; }

    /// <summary>The gradient of the last <see cref="ComputeGradient"/>, in the parameter layout.</summary>
    public T[] Gradient { get; }

    /// <summary>The batch's mean loss; fills <see cref="Gradient"/> with its gradient.</summary>
    public double ComputeGradient(SequenceBatch<T> batch, in BpttOptions options, RecurrentStates<T>? finalStates = null) =>
        Run(batch, options, finalStates, withGradient: true);

    /// <summary>The batch's mean loss, forward only, without dropout.</summary>
    public double Evaluate(SequenceBatch<T> batch, in BpttOptions options, RecurrentStates<T>? finalStates = null) =>
        Run(batch, options with { DropoutRate = 0 }, finalStates, withGradient: false);

    private double Run(SequenceBatch<T> batch, BpttOptions options, RecurrentStates<T>? finalStates, bool withGradient)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int chunks = (batch.Count + ChunkSize - 1) / ChunkSize;
        int terms = LossFunctions.CountTerms(batch, options, Network.Shape.OutputSize);
        return _chunks.Run(chunks, Threads, withGradient ? Gradient : null, (chunk, gradient) =>
        {
            if (!_workers.TryTake(out var worker))
            {
                worker = new BpttWorker<T>(Network.Shape);
            }

            int row0 = chunk * ChunkSize;
            int rows = Math.Min(ChunkSize, batch.Count - row0);
            double loss = worker.Run(Network, batch, row0, rows, options, terms, gradient, finalStates, (ulong)chunk);
            _workers.Add(worker);
            return loss;
        });
    }
}
