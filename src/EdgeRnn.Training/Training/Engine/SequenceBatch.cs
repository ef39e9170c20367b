using System.Numerics;

namespace EdgeRnn.Training.Training.Engine;

/// <summary>
/// A mini-batch of windows for the engine, every array in batch-major order: <see cref="Inputs"/> [count, steps, inputs];
/// for <see cref="LossKind.MeanSquaredError"/> <see cref="Targets"/> [count, steps, outputs] and an optional
/// <see cref="StepMask"/> [count, steps]; for cross-entropy <see cref="Labels"/> [count, steps] (per step) or [count]
/// (last step), where <see cref="IgnoreLabel"/> excludes a position from the loss.
/// </summary>
internal sealed class SequenceBatch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A label that takes no part in the loss (PyTorch's <c>ignore_index</c>).</summary>
    public const int IgnoreLabel = -1;

    public required int Count { get; init; }

    public required int Steps { get; init; }

    public required ReadOnlyMemory<T> Inputs { get; init; }

    public ReadOnlyMemory<T> Targets { get; init; }

    public ReadOnlyMemory<int> Labels { get; init; }

    /// <summary>Optional, MSE only: false excludes a step of a window from the loss.</summary>
    public ReadOnlyMemory<bool> StepMask { get; init; }

    /// <summary>Optional states to start from (carried from the previous windows); zero when null.</summary>
    public RecurrentStates<T>? InitialStates { get; init; }
}

/// <summary>The h (and, for the LSTM, c) of every layer for every window of a batch, [layers, count, H] each.</summary>
internal sealed class RecurrentStates<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public RecurrentStates(NetworkShape shape, int count)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Count = count;
        Hidden = new T[shape.Layers * count * shape.HiddenSize];
        Cell = shape.Kind == Runtime.Model.CellKind.Lstm ? new T[Hidden.Length] : [];
    }

    public int Count { get; }

    public T[] Hidden { get; }

    /// <summary>Empty unless the cell is an LSTM.</summary>
    public T[] Cell { get; }
}
