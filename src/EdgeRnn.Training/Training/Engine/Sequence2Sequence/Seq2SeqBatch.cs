using System.Numerics;

namespace EdgeRnn.Training.Training.Engine.Sequence2Sequence;

/// <summary>
/// A mini-batch of encoder–decoder windows, batch-major: <see cref="Inputs"/> [count, steps, inputs], the decoder's
/// first input <see cref="Starts"/> [count, outputs], <see cref="Targets"/> [count, horizon, outputs] and the
/// <see cref="Teacher"/> mask [count, horizon] (true: after step k the true row k is fed back instead of the output).
/// </summary>
internal sealed class Seq2SeqBatch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public required int Count { get; init; }

    /// <summary>Encoder steps per window, T.</summary>
    public required int Steps { get; init; }

    public required ReadOnlyMemory<T> Inputs { get; init; }

    public required ReadOnlyMemory<T> Starts { get; init; }

    public required ReadOnlyMemory<T> Targets { get; init; }

    /// <summary>Empty: every step feeds back its own output (free-running, as inference runs).</summary>
    public ReadOnlyMemory<bool> Teacher { get; init; }
}
