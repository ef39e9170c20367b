using System.Numerics;

namespace EdgeRnn.Training.Training.Engine;

/// <summary>
/// What a <see cref="Cells.CellGradient{T}"/> reads of a stack of recurrent units: the transposed copies and folded bias
/// the batch-major products use, and W_hh and b_hh as stored. <see cref="SequenceNetwork{T}"/> is one; the
/// encoder–decoder's layers are others.
/// </summary>
internal interface IRecurrentWeights<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>W_ihᵀ of unit <paramref name="unit"/>, [in, G·H].</summary>
    ReadOnlySpan<T> InputWeightsT(int unit);

    /// <summary>W_hhᵀ of unit <paramref name="unit"/>, [H, G·H].</summary>
    ReadOnlySpan<T> RecurrentWeightsT(int unit);

    /// <summary>The bias added to the input projection: b_ih + b_hh, or b_ih alone for the GRU.</summary>
    ReadOnlySpan<T> StepBias(int unit);

    /// <summary>W_hh as stored, [G·H, H].</summary>
    ReadOnlySpan<T> RecurrentWeights(int unit);

    /// <summary>b_hh as stored, [G·H].</summary>
    ReadOnlySpan<T> RecurrentBias(int unit);
}
