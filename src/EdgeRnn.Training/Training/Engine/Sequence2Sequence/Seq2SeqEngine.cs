using System.Collections.Concurrent;
using System.Numerics;
using System.Numerics.Tensors;

namespace EdgeRnn.Training.Training.Engine.Sequence2Sequence;

/// <summary>
/// Data-parallel loss and gradient of an encoder–decoder over a batch, as <see cref="GradientEngine{T}"/> does for a
/// sequence network: fixed-size chunks, one gradient buffer per chunk, added in chunk order, so the result is the same
/// bit for bit whatever the number of threads.
/// </summary>
internal sealed class Seq2SeqEngine<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ConcurrentBag<Seq2SeqWorker<T>> _workers = [];
    private readonly ChunkedBatch<T> _chunks;

    public Seq2SeqEngine(Seq2SeqNetwork<T> network, int chunkSize = 8, int threads = 0)
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

    public Seq2SeqNetwork<T> Network { get; }

    /// <summary>Windows per chunk; part of the arithmetic (it fixes the order of the sums).</summary>
    public int ChunkSize { get; }

    /// <summary>The most threads used; does not change any result.</summary>
    public int Threads { get; }

    /// <summary>The gradient of the last <see cref="ComputeGradient"/>, in the parameter layout.</summary>
    public T[] Gradient { get; }

    /// <summary>The batch's mean squared error over every output of every window; fills <see cref="Gradient"/>.</summary>
    public double ComputeGradient(Seq2SeqBatch<T> batch) => Run(batch, withGradient: true, outputs: null);

    /// <summary>The batch's mean squared error, forward only; writes the outputs [count, horizon, out] when <paramref name="outputs"/> is given.</summary>
    public double Evaluate(Seq2SeqBatch<T> batch, T[]? outputs = null) => Run(batch, withGradient: false, outputs);

    private double Run(Seq2SeqBatch<T> batch, bool withGradient, T[]? outputs)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var shape = Network.Shape;
        int chunks = (batch.Count + ChunkSize - 1) / ChunkSize;
        int terms = batch.Count * shape.Horizon * shape.OutputSize;
        return _chunks.Run(chunks, Threads, withGradient ? Gradient : null, (chunk, gradient) =>
        {
            if (!_workers.TryTake(out var worker))
            {
                worker = new Seq2SeqWorker<T>(shape);
            }

            int row0 = chunk * ChunkSize;
            int rows = Math.Min(ChunkSize, batch.Count - row0);
            double loss = worker.Run(Network, batch, row0, rows, terms, gradient);
            if (outputs is not null)
            {
                CopyOutputs(worker.Outputs, outputs, row0, rows);
            }

            _workers.Add(worker);
            return loss;
        });
    }

    /// <summary>A chunk's outputs, [horizon, rows, out], into the batch-major [count, horizon, out].</summary>
    private void CopyOutputs(ReadOnlySpan<T> chunk, T[] outputs, int row0, int rows)
    {
        int n = Network.Shape.Horizon, o = Network.Shape.OutputSize;
        for (int k = 0; k < n; k++)
        {
            for (int b = 0; b < rows; b++)
            {
                chunk.Slice(((k * rows) + b) * o, o).CopyTo(outputs.AsSpan((((row0 + b) * n) + k) * o, o));
            }
        }
    }
}
