using System.Numerics;
using System.Numerics.Tensors;

namespace EdgeRnn.Training.Training.Engine;

/// <summary>
/// A batch's chunks run on up to a given number of threads, each into its own loss and gradient buffer, then summed in
/// chunk order: the batch's loss and gradient do not depend on the thread count. The buffers grow to the most chunks
/// seen and are then reused. Shared by the engines (<see cref="GradientEngine{T}"/> and the encoder–decoder's).
/// </summary>
internal sealed class ChunkedBatch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<T[]> _gradients = [];
    private readonly int _gradientLength;
    private double[] _losses = [];

    public ChunkedBatch(int gradientLength) => _gradientLength = gradientLength;

    /// <summary>Runs <paramref name="runChunk"/> for chunks 0 … <paramref name="chunks"/> − 1 (in order on one thread) and returns the sum of their losses; with <paramref name="gradient"/>, writes the sum of their gradients into it.</summary>
    /// <param name="chunks">How many chunks the batch has.</param>
    /// <param name="threads">The most threads to use; 1 runs the chunks in order on the caller's thread.</param>
    /// <param name="gradient">Receives the summed gradient; null for a forward-only run.</param>
    /// <param name="runChunk">Runs one chunk: its index and its cleared gradient buffer (null without a gradient); returns the chunk's loss.</param>
    public double Run(int chunks, int threads, T[]? gradient, Func<int, T[]?, double> runChunk)
    {
        if (_losses.Length < chunks)
        {
            _losses = new double[chunks];
        }

        while (gradient is not null && _gradients.Count < chunks)
        {
            _gradients.Add(new T[_gradientLength]);
        }

        void RunOne(int chunk)
        {
            T[]? buffer = null;
            if (gradient is not null)
            {
                buffer = _gradients[chunk];
                Array.Clear(buffer);
            }

            _losses[chunk] = runChunk(chunk, buffer);
        }

        if (threads == 1 || chunks == 1)
        {
            for (int c = 0; c < chunks; c++)
            {
                RunOne(c);
            }
        }
        else
        {
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, RunOne);
        }

        double loss = 0;
        for (int c = 0; c < chunks; c++)
        {
            loss += _losses[c];
        }

        if (gradient is not null)
        {
            Array.Clear(gradient);
            for (int c = 0; c < chunks; c++)
            {
                TensorPrimitives.Add(gradient, _gradients[c], gradient);
            }
        }

        return loss;
    }
}
