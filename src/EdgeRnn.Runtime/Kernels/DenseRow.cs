using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// A dense layer of one output with an affine end: y = ((w·x + bias)·scale) + offset, or w·x + bias when not
/// <paramref name="Affine"/>; w·x in <see cref="RowGemv"/>'s order, so a kernel that gathers the partial sums itself gives
/// the bits of <see cref="RowGemv.MultiplyAdd"/> followed by the affine step.
/// </summary>
/// <param name="Weights">One row.</param>
/// <param name="Bias">Added to the dot product.</param>
/// <param name="Scale">Multiplies the biased dot product when <paramref name="Affine"/>.</param>
/// <param name="Offset">Added after the scale when <paramref name="Affine"/>.</param>
/// <param name="Affine">Whether the scale and offset apply.</param>
internal readonly record struct DenseRow(PackedRowMatrix Weights, float Bias, float Scale, float Offset, bool Affine)
{
    /// <summary>The output from the row's eight partial sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Finish(Vector256<float> sums) => End(RowGemv.Finish(Bias, sums));

    /// <summary>The affine end of a biased dot product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float End(float dot) => Affine ? (dot * Scale) + Offset : dot;
}
