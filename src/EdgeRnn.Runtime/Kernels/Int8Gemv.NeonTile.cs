using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// The batched <see cref="Int8Layout.DotProduct4"/> kernel for NEON without SDOT (a Pi 4's Cortex-A72): four vectors share
/// each weight load. The products are <see cref="PairwiseNeon"/>'s (SMULL/SMULL2 by a group's 4 activations broadcast
/// as one 32-bit word, SMLAL/SMLAL2 adding the next group's lane by lane, at most 2·127·127 per int16 lane; SADALP into
/// int32), taken half a unit (8 rows, 4 accumulators per vector: 16 for the four) at a time so that accumulators,
/// weights and broadcasts fit the 32 registers. Integer sums are exact in any order: bit-identical to <see cref="Scalar"/>.
/// </summary>
internal static partial class Int8Gemv
{
    private static unsafe void PairwiseNeonTile(PackedInt8Matrix w, ref sbyte q0, int qStride, ref float scales, ref float i0, int initStride, ref float y0, int yStride)
    {
        int pc = w.PaddedCols;
        nuint unitBytes = (nuint)(pc * Unit);
        ref float rowScales = ref MemoryMarshal.GetArrayDataReference(w.RowScales);
        fixed (sbyte* x0 = &q0)
        fixed (sbyte* start = &w.Start)
        {
            sbyte* x1 = x0 + qStride;
            sbyte* x2 = x1 + qStride;
            sbyte* x3 = x2 + qStride;
            nint pairsEnd = pc & ~7;
            for (int u = 0; u < w.Units; u++)
            {
                for (int half = 0; half < 2; half++)
                {
                    sbyte* wp = start + ((nuint)u * unitBytes) + (nuint)(half * 32);
                    var a00 = Vector128<int>.Zero;
                    var a01 = Vector128<int>.Zero;
                    var a02 = Vector128<int>.Zero;
                    var a03 = Vector128<int>.Zero;
                    var a10 = Vector128<int>.Zero;
                    var a11 = Vector128<int>.Zero;
                    var a12 = Vector128<int>.Zero;
                    var a13 = Vector128<int>.Zero;
                    var a20 = Vector128<int>.Zero;
                    var a21 = Vector128<int>.Zero;
                    var a22 = Vector128<int>.Zero;
                    var a23 = Vector128<int>.Zero;
                    var a30 = Vector128<int>.Zero;
                    var a31 = Vector128<int>.Zero;
                    var a32 = Vector128<int>.Zero;
                    var a33 = Vector128<int>.Zero;
                    nint c = 0;
                    for (; c < pairsEnd; c += 8, wp += 8 * Unit)
                    {
                        // Rows 0-3 and 4-7 of this half, of groups c/4 (w) and c/4 + 1 (v).
                        var w0 = AdvSimd.LoadVector128(wp);
                        var v0 = AdvSimd.LoadVector128(wp + (4 * Unit));
                        var w1 = AdvSimd.LoadVector128(wp + 16);
                        var v1 = AdvSimd.LoadVector128(wp + (4 * Unit) + 16);
                        Pairs(w0, v0, w1, v1, x0 + c, ref a00, ref a01, ref a02, ref a03);
                        Pairs(w0, v0, w1, v1, x1 + c, ref a10, ref a11, ref a12, ref a13);
                        Pairs(w0, v0, w1, v1, x2 + c, ref a20, ref a21, ref a22, ref a23);
                        Pairs(w0, v0, w1, v1, x3 + c, ref a30, ref a31, ref a32, ref a33);
                    }

                    if ((pc & 4) != 0)
                    {
                        // An odd last group: one product per int16 lane.
                        var w0 = AdvSimd.LoadVector128(wp);
                        var w1 = AdvSimd.LoadVector128(wp + 16);
                        Single(w0, w1, x0 + c, ref a00, ref a01, ref a02, ref a03);
                        Single(w0, w1, x1 + c, ref a10, ref a11, ref a12, ref a13);
                        Single(w0, w1, x2 + c, ref a20, ref a21, ref a22, ref a23);
                        Single(w0, w1, x3 + c, ref a30, ref a31, ref a32, ref a33);
                    }

                    nuint row = (nuint)((u * Unit) + (half * 8));
                    Finish8(a00, a01, a02, a03, ref rowScales, Vector128.Create(scales), ref i0, ref y0, row);
                    Finish8(a10, a11, a12, a13, ref rowScales, Vector128.Create(Unsafe.Add(ref scales, 1)), ref Unsafe.Add(ref i0, initStride), ref Unsafe.Add(ref y0, yStride), row);
                    Finish8(a20, a21, a22, a23, ref rowScales, Vector128.Create(Unsafe.Add(ref scales, 2)), ref Unsafe.Add(ref i0, 2 * initStride), ref Unsafe.Add(ref y0, 2 * yStride), row);
                    Finish8(a30, a31, a32, a33, ref rowScales, Vector128.Create(Unsafe.Add(ref scales, 3)), ref Unsafe.Add(ref i0, 3 * initStride), ref Unsafe.Add(ref y0, 3 * yStride), row);
                }
            }
        }
    }

    /// <summary>One vector's products with two 4-row chunks of two consecutive groups: a0/a1 rows 0-1/2-3 of chunk w0+v0, a2/a3 of w1+v1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Pairs(Vector128<sbyte> w0, Vector128<sbyte> v0, Vector128<sbyte> w1, Vector128<sbyte> v1, sbyte* x, ref Vector128<int> a0, ref Vector128<int> a1, ref Vector128<int> a2, ref Vector128<int> a3)
    {
        // The 64-bit broadcasts feed SMULL/SMLAL (low halves), loaded rather than taken from the 128-bit ones (a register copy each).
        var (b0, b1) = AdvSimd.Arm64.LoadAndReplicateToVector128x2((int*)x);
        var (l0, l1) = AdvSimd.LoadAndReplicateToVector64x2((int*)x);
        a1 = AdvSimd.AddPairwiseWideningAndAdd(a1, AdvSimd.MultiplyWideningUpperAndAdd(AdvSimd.MultiplyWideningUpper(w0, b0.AsSByte()), v0, b1.AsSByte()));
        a0 = AdvSimd.AddPairwiseWideningAndAdd(a0, AdvSimd.MultiplyWideningLowerAndAdd(AdvSimd.MultiplyWideningLower(w0.GetLower(), l0.AsSByte()), v0.GetLower(), l1.AsSByte()));
        a3 = AdvSimd.AddPairwiseWideningAndAdd(a3, AdvSimd.MultiplyWideningUpperAndAdd(AdvSimd.MultiplyWideningUpper(w1, b0.AsSByte()), v1, b1.AsSByte()));
        a2 = AdvSimd.AddPairwiseWideningAndAdd(a2, AdvSimd.MultiplyWideningLowerAndAdd(AdvSimd.MultiplyWideningLower(w1.GetLower(), l0.AsSByte()), v1.GetLower(), l1.AsSByte()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Single(Vector128<sbyte> w0, Vector128<sbyte> w1, sbyte* x, ref Vector128<int> a0, ref Vector128<int> a1, ref Vector128<int> a2, ref Vector128<int> a3)
    {
        var b = AdvSimd.LoadAndReplicateToVector128((int*)x).AsSByte();
        var l = AdvSimd.LoadAndReplicateToVector64((int*)x).AsSByte();
        a1 = AdvSimd.AddPairwiseWideningAndAdd(a1, AdvSimd.MultiplyWideningUpper(w0, b));
        a0 = AdvSimd.AddPairwiseWideningAndAdd(a0, AdvSimd.MultiplyWideningLower(w0.GetLower(), l));
        a3 = AdvSimd.AddPairwiseWideningAndAdd(a3, AdvSimd.MultiplyWideningUpper(w1, b));
        a2 = AdvSimd.AddPairwiseWideningAndAdd(a2, AdvSimd.MultiplyWideningLower(w1.GetLower(), l));
    }

    /// <summary>Rows [row, row + 8) from two chunks' pair sums: the scalar epilogue's maths and order (see <see cref="Finish(Vector128{int}, Vector128{int}, Vector128{int}, Vector128{int}, ref float, Vector128{float}, ref float, ref float, nuint)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish8(Vector128<int> a0, Vector128<int> a1, Vector128<int> a2, Vector128<int> a3, ref float rowScales, Vector128<float> s, ref float init, ref float y, nuint row)
    {
        var low = AdvSimd.Arm64.AddPairwise(a0, a1);
        var high = AdvSimd.Arm64.AddPairwise(a2, a3);
        (Vector128.LoadUnsafe(ref init, row) + (Vector128.ConvertToSingle(low) * (Vector128.LoadUnsafe(ref rowScales, row) * s))).StoreUnsafe(ref y, row);
        (Vector128.LoadUnsafe(ref init, row + 4) + (Vector128.ConvertToSingle(high) * (Vector128.LoadUnsafe(ref rowScales, row + 4) * s))).StoreUnsafe(ref y, row + 4);
    }
}
